/**
 * Every log line of an invocation carries its request ids: Lambda's `awsRequestId` for the HTTP
 * API, the workflow tasks and the evidence processor, and, for an HTTP request, API Gateway's
 * request id as `correlation_id` — including the API's log of an unexpected error. Keys of one
 * invocation do not leak into the next, nor, in the local runtime's shared process, into a
 * concurrent one.
 */
import type { Context } from 'aws-lambda';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { environmentNames } from '#infra/definitions/environment.js';
import { httpApi, route, type HttpEvent } from '#functions/api/http/http-api.js';
import { task, workflowTasks } from '#functions/workflow/task-dispatch.js';
import { handler as processUpload } from '#functions/evidence/process-upload.js';
import { logger } from '#functions/logger.js';
import { inInvocationScope } from '#infra/local/invocation-scope.js';
import { DomainError } from '#shared/domain/errors.js';

beforeAll(() => {
  vi.stubEnv(environmentNames.tableName, 'log-table');
  vi.stubEnv('AWS_REGION', 'us-east-1');
});
afterAll(() => vi.unstubAllEnvs());

let lines: Record<string, unknown>[] = [];
beforeAll(() => {
  for (const stream of [process.stdout, process.stderr]) {
    vi.spyOn(stream, 'write').mockImplementation((chunk) => {
      for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      return true;
    });
  }
});
afterEach(() => {
  lines = [];
});
afterAll(() => vi.restoreAllMocks());

function contextOf(awsRequestId: string): Context {
  return { awsRequestId, functionName: 'fn', functionVersion: '$LATEST', invokedFunctionArn: 'arn:aws:lambda:us-east-1:1:function:fn', memoryLimitInMB: '128', getRemainingTimeInMillis: () => 10_000 } as unknown as Context;
}

function request(path: string, requestId: string): HttpEvent {
  return {
    version: '2.0',
    routeKey: `GET ${path}`,
    rawPath: path,
    rawQueryString: '',
    headers: {},
    isBase64Encoded: false,
    requestContext: { requestId, http: { method: 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' } },
  } as unknown as HttpEvent;
}

describe('the log lines of an invocation', () => {
  const api = httpApi([
    route({ method: 'GET', path: '/logged', auth: 'public' }, async () => {
      logger.info('inside the action');
      return { body: {} };
    }),
    route({ method: 'GET', path: '/broken', auth: 'public' }, async () => {
      throw new Error('a bug');
    }),
  ]);

  it('carry the Lambda and API Gateway request ids on an HTTP request, the error log included', async () => {
    expect(((await api(request('/logged', 'api-1'), contextOf('lambda-1'))) as { statusCode: number }).statusCode).toBe(200);
    expect(((await api(request('/broken', 'api-2'), contextOf('lambda-2'))) as { statusCode: number }).statusCode).toBe(500);
    expect(lines.map((line) => [line['message'], line['function_request_id'], line['correlation_id']])).toEqual([
      ['inside the action', 'lambda-1', 'api-1'],
      ['unhandled error', 'lambda-2', 'api-2'],
    ]);
  });

  it('carry the request id and the task name in a workflow task, and not into the next invocation', async () => {
    const tasks = workflowTasks({
      refuse: task(z.object({}), async () => {
        throw new DomainError('INVALID_STATE', 'objectionResolved');
      }),
    });
    await expect(tasks({ task: 'refuse' }, contextOf('lambda-3'))).rejects.toMatchObject({ name: 'INVALID_STATE' });
    await api(request('/broken', 'api-4'), contextOf('lambda-4'));
    expect(lines.map((line) => [line['message'], line['function_request_id'], line['task'], line['correlation_id']])).toEqual([
      ['workflow task refused', 'lambda-3', 'refuse', undefined],
      ['unhandled error', 'lambda-4', undefined, 'api-4'],
    ]);
  });

  it('keep their own ids when invocations run concurrently in the local runtime\'s process', async () => {
    vi.stubEnv('AWS_LAMBDA_MAX_CONCURRENCY', '64');
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const concurrent = httpApi([
      route({ method: 'GET', path: '/waits', auth: 'public' }, async () => {
        await gate;
        logger.info('after waiting');
        return { body: {} };
      }),
      route({ method: 'GET', path: '/quick', auth: 'public' }, async () => {
        logger.info('at once');
        return { body: {} };
      }),
    ]);
    const waiting = inInvocationScope('lambda-a', () => concurrent(request('/waits', 'api-a'), contextOf('lambda-a')));
    await inInvocationScope('lambda-b', () => concurrent(request('/quick', 'api-b'), contextOf('lambda-b')));
    release();
    await waiting;
    vi.stubEnv('AWS_LAMBDA_MAX_CONCURRENCY', '');
    expect(lines.map((line) => [line['message'], line['function_request_id'], line['correlation_id']])).toEqual([
      ['at once', 'lambda-b', 'api-b'],
      ['after waiting', 'lambda-a', 'api-a'],
    ]);
  });

  it('carry the request id in the evidence processor', async () => {
    await processUpload({ Records: [{ s3: { object: { key: 'elsewhere/file.pdf' } } }] } as never, contextOf('lambda-5'));
    expect(lines.map((line) => [line['message'], line['function_request_id']])).toEqual([['ignoring object outside the quarantine layout', 'lambda-5']]);
  });
});
