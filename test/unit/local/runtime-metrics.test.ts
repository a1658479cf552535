import { describe, expect, it } from 'vitest';
import { counterNames, RuntimeMetrics } from '#infra/local/metrics/runtime-metrics.js';
import { s3Operation } from '#infra/local/s3/s3-operation.js';

describe('RuntimeMetrics', () => {
  it('adds up counts per counter and key, and hands out copies with every counter present', () => {
    const metrics = new RuntimeMetrics();
    metrics.count('lambda.invocations', 'reviewApi');
    metrics.count('lambda.invocations', 'adminApi');
    metrics.count('lambda.invocations', 'adminApi', 2);
    metrics.count('dynamodb.readUnits', 'GetItem', 0.5);
    metrics.count('dynamodb.readUnits', 'GetItem', Number.NaN);
    const snapshot = metrics.snapshot();
    expect(Object.keys(snapshot)).toEqual([...counterNames]);
    expect(snapshot['lambda.invocations']).toEqual({ adminApi: 3, reviewApi: 1 });
    expect(Object.keys(snapshot['lambda.invocations'])).toEqual(['adminApi', 'reviewApi']);
    expect(snapshot['dynamodb.readUnits']).toEqual({ GetItem: 0.5 });
    expect(snapshot['s3.requests']).toEqual({});
    snapshot['lambda.invocations']['adminApi'] = 99;
    expect(metrics.snapshot()['lambda.invocations']['adminApi']).toBe(3);
  });
});

describe('s3Operation', () => {
  const none = new URLSearchParams();
  it.each([
    ['GET', '/bucket/evidence/a.pdf', none, {}, 'GetObject'],
    ['GET', '/bucket', new URLSearchParams('list-type=2&prefix=evidence/'), {}, 'ListObjectsV2'],
    ['GET', '/bucket/', none, {}, 'ListObjects'],
    ['HEAD', '/bucket/evidence/a.pdf', none, {}, 'HeadObject'],
    ['PUT', '/bucket/output/x.xlsx', none, {}, 'PutObject'],
    ['PUT', '/bucket/evidence/a.pdf', none, { 'x-amz-copy-source': '/bucket/quarantine/a.pdf' }, 'CopyObject'],
    ['POST', '/bucket', none, {}, 'PostObject'],
    ['POST', '/bucket', new URLSearchParams('delete'), {}, 'DeleteObjects'],
    ['DELETE', '/bucket/quarantine/a.pdf', none, {}, 'DeleteObject'],
  ] as const)('%s %s → %s', (method, path, query, headers, expected) => {
    expect(s3Operation(method, path, query, headers)).toBe(expected);
  });
});
