/**
 * One invocation's own context in the shared local process, the way Lambda's runtime gives it
 * to concurrent invocations of one environment: inside {@link inInvocationScope} the
 * Powertools logger keeps the invocation's keys (request ids, `correlation_id`, a task's name)
 * apart from every other invocation running at the same time, and its `resetKeys` clears only
 * its own. Powertools scopes them only when `AWS_LAMBDA_MAX_CONCURRENCY` is set (the runtime's
 * environment sets it).
 */
import { InvokeStore, InvokeStoreBase } from '@aws/lambda-invoke-store';

const store = InvokeStore.getInstanceAsync(true);

/** Runs `invocation` as the invocation `requestId`, with its own log keys. */
export async function inInvocationScope<T>(requestId: string, invocation: () => Promise<T>): Promise<T> {
  const scope = await store;
  return scope.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: requestId }, invocation);
}
