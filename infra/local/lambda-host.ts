/**
 * Hosts the catalogue's Lambda handlers in-process: imports each entry module on first use
 * and invokes it by function name or ARN, like the Lambda service would (each invocation in its
 * own log scope, {@link inInvocationScope}), counting invocations,
 * errors and billed milliseconds when given {@link RuntimeMetrics}.
 */
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Context } from 'aws-lambda';
import { functions, type FunctionName } from '../definitions/catalog.js';
import { inInvocationScope } from './invocation-scope.js';
import type { RuntimeMetrics } from './metrics/runtime-metrics.js';

type Handler = (event: unknown, context: Context) => Promise<unknown>;

export class LambdaHost {
  private readonly loaded = new Map<string, Promise<Handler>>();

  constructor(
    private readonly projectRoot: string,
    private readonly arnPrefix: string,
    private readonly metrics?: RuntimeMetrics,
  ) {}

  /** The ARN the local runtime uses for a function. */
  arnOf(name: FunctionName): string {
    return `${this.arnPrefix}${name}`;
  }

  private load(name: string): Promise<Handler> {
    let handler = this.loaded.get(name);
    if (!handler) {
      const definition = functions.find((item) => item.name === name);
      if (!definition) throw Object.assign(new Error(`Function not found: ${name}`), { name: 'ResourceNotFoundException' });
      handler = import(pathToFileURL(resolve(this.projectRoot, definition.entry)).href).then((module: { handler: Handler }) => module.handler);
      this.loaded.set(name, handler);
    }
    return handler;
  }

  /** Invokes a function by name or ARN with `event`; a thrown error is the function's error. */
  async invoke(nameOrArn: string, event: unknown): Promise<unknown> {
    const name = nameOrArn.startsWith('arn:') ? nameOrArn.split(':').pop()! : nameOrArn;
    const handler = await this.load(name);
    const awsRequestId = randomUUID();
    const context = {
      functionName: name,
      awsRequestId,
      invokedFunctionArn: `${this.arnPrefix}${name}`,
      getRemainingTimeInMillis: () => 30_000,
      callbackWaitsForEmptyEventLoop: false,
    } as unknown as Context;
    const started = performance.now();
    this.metrics?.count('lambda.invocations', name);
    try {
      // Invocations run concurrently in this one process: each keeps its own log keys.
      return await inInvocationScope(awsRequestId, () => handler(structuredClone(event), context));
    } catch (error) {
      this.metrics?.count('lambda.errors', name);
      throw error;
    } finally {
      this.metrics?.count('lambda.billedMs', name, Math.ceil(performance.now() - started));
    }
  }
}
