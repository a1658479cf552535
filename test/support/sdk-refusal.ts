/** The HTTP status and error name an AWS SDK call failed with, or `[200, 'accepted']` when it succeeded. */
export async function sdkRefusal(call: Promise<unknown>): Promise<[number | undefined, string]> {
  try {
    await call;
    return [200, 'accepted'];
  } catch (error) {
    const failure = error as { name: string; $metadata?: { httpStatusCode?: number } };
    return [failure.$metadata?.httpStatusCode, failure.name];
  }
}
