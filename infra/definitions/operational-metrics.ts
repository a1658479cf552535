/**
 * The platform's own CloudWatch metrics, defined once: the functions publish them (CloudWatch
 * embedded metric format, see `shared/adapters/metrics/`), the CDK stack alarms on them and
 * graphs them. Each deployment publishes under its stack name as the `service` dimension (the
 * dimension Powertools Metrics always adds), so two stages of a province in one account and
 * region keep apart.
 */
export const operationalMetrics = {
  namespace: 'CjrhRecognition',
  /** The dimension naming the deployment (its stack name, e.g. `CjrhRecognition-gx-prod`). */
  serviceDimension: 'service',
  /** Review tasks that reached their due time without a submission (expired by the review workflow), a count. */
  overdueReviews: 'OverdueReviews',
} as const;
