/**
 * Business events operators watch (CloudWatch metrics in AWS, counters in the local runtime).
 * The domain decides that an event happened; a handler reports it here.
 */
export interface OperationalMetrics {
  /** `count` review tasks went past their due time without a submission. */
  countOverdueReviews(count: number): void;
}
