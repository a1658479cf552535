/**
 * Ports whose adapters are loaded on first use: the composition root hands handlers a port at
 * once, while the adapter module and the AWS SDK client behind it are imported (`await
 * import()`, a chunk of its own in the bundle) only when a handler first calls one of its
 * methods. A function that never mails, for instance, never loads the SES client.
 */

/** A port whose every method answers with a promise, so that a call can wait for its adapter. */
type AsyncPort<T> = { readonly [K in keyof T]: (...args: never[]) => Promise<unknown> };

/**
 * The port `T` in front of the adapter `load` resolves to: `load` runs on the first method call,
 * once (again after it failed, so that a passing fault does not stick to the container), and
 * every call is forwarded to the adapter it resolved to.
 */
export function deferredPort<T extends AsyncPort<T>>(load: () => Promise<T>): T {
  let loading: Promise<T> | undefined;
  const adapter = (): Promise<T> =>
    (loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    }));
  const forward = (method: string) => async (...args: unknown[]) => {
    const port = await adapter();
    return Reflect.apply(port[method as keyof T], port, args) as Promise<unknown>;
  };
  // Not a thenable: `then` (and any symbol) stays undefined, so the port can be awaited or returned from async code.
  return new Proxy({} as T, { get: (_target, name) => (typeof name === 'string' && name !== 'then' ? forward(name) : undefined) });
}
