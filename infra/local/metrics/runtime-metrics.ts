/**
 * Counters of the local runtime for benchmarks: what the emulators and the Lambda host did
 * (invocations, requests by operation, capacity units, state transitions, mails) and the
 * operational metrics the handlers publish (overdue reviews), kept in
 * memory since the process started and read at `GET /_local/metrics` (signed, see
 * `metrics-route.ts`). Counting is all they do: no behaviour depends on them.
 */

/** The counters, each keyed by function, operation or state machine name. */
export const counterNames = [
  'lambda.invocations',
  'lambda.errors',
  /** Summed wall time of the invocations in milliseconds, each rounded up to 1 ms as Lambda bills. */
  'lambda.billedMs',
  'dynamodb.requests',
  /** Read request units the calls consumed (as DynamoDB reports `ConsumedCapacity`), by operation. */
  'dynamodb.readUnits',
  /** Write request units by operation; a refused conditional write counts 1 as DynamoDB charges it. */
  'dynamodb.writeUnits',
  's3.requests',
  'stepFunctions.executions',
  /** States entered plus retries, Step Functions' billed state transitions, by state machine. */
  'stepFunctions.transitions',
  'mail.sent',
  /** The operational metrics the handlers publish (CloudWatch in AWS), by metric name, e.g. `OverdueReviews`. */
  'operational',
] as const;

/** One counter's name. */
export type CounterName = (typeof counterNames)[number];

/** Every counter with its values by key. */
export type CounterSnapshot = Record<CounterName, Record<string, number>>;

/**
 * In-memory counters.
 *
 * @example
 * const metrics = new RuntimeMetrics();
 * metrics.count('lambda.invocations', 'adminApi');
 * metrics.snapshot()['lambda.invocations']; // { adminApi: 1 }
 */
export class RuntimeMetrics {
  private readonly counters = new Map<CounterName, Map<string, number>>(counterNames.map((name) => [name, new Map()]));

  /** Adds `amount` (default 1) to the counter `name` under `key`. */
  count(name: CounterName, key: string, amount = 1): void {
    if (!Number.isFinite(amount)) return;
    const values = this.counters.get(name)!;
    values.set(key, (values.get(key) ?? 0) + amount);
  }

  /** A copy of every counter, keys sorted. */
  snapshot(): CounterSnapshot {
    const entries = counterNames.map((name) => {
      const values = [...this.counters.get(name)!].sort(([a], [b]) => a.localeCompare(b));
      return [name, Object.fromEntries(values)] as const;
    });
    return Object.fromEntries(entries) as CounterSnapshot;
  }
}
