/**
 * The local runtime's benchmark counters at `GET /_local/metrics`: only for calls signed with
 * the runtime's own credentials, and they count what one application's intake really did
 * (Lambda invocations, S3 and DynamoDB requests, Step Functions transitions and history).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { RuntimeCredentials } from '#infra/local/auth/runtime-credentials.js';
import { readRuntimeMetrics } from '#infra/local/metrics/read-metrics.js';
import type { MetricsReport } from '#infra/local/metrics/metrics-route.js';
import { devToken } from '../support/http-client.js';
import { openCityRound, submitForScreening } from '../support/pipeline-steps.js';
import { useRuntimeProcess } from '../support/runtime-process.js';

const runtime = useRuntimeProcess();
let credentials: RuntimeCredentials;
let before: MetricsReport;
let after: MetricsReport;

/** How much a counter grew between the two readings. */
const grown = (counter: keyof MetricsReport['counters'], key: string) => (after.counters[counter][key] ?? 0) - (before.counters[counter][key] ?? 0);

beforeAll(async () => {
  const base = runtime().baseUrl;
  credentials = JSON.parse(readFileSync(join(runtime().dataDir, 'aws-credentials.json'), 'utf8'));
  before = await readRuntimeMetrics(base, credentials);
  const admin = await devToken(base, { role: 'admin' });
  const institution = await devToken(base, { role: 'institution', orgId: 'org-liuzhou' });
  const roundId = await openCityRound(base, admin);
  await submitForScreening(base, institution, roundId);
  after = await readRuntimeMetrics(base, credentials);
});

describe('GET /_local/metrics', () => {
  it('refuses unsigned calls and calls signed with another secret (403, JSON protocol error)', async () => {
    const unsigned = await fetch(`${runtime().baseUrl}/_local/metrics`);
    expect(unsigned.status).toBe(403);
    expect(((await unsigned.json()) as { __type: string }).__type).toMatch(/MissingAuthenticationTokenException$/);
    await expect(readRuntimeMetrics(runtime().baseUrl, { ...credentials, secretAccessKey: 'guessed-secret-guessed-secret-guessed-sec' })).rejects.toThrow(/answered 403.*InvalidSignatureException/);
  });

  it('counts the Lambda invocations of one intake: one evidence check, the API calls and the submission tasks', () => {
    expect(grown('lambda.invocations', 'evidenceProcessor')).toBe(1);
    expect(grown('lambda.invocations', 'adminApi')).toBe(1); // opening the round
    // create, request the upload, at least one status poll, submit, at least one status poll
    expect(grown('lambda.invocations', 'institutionApi')).toBeGreaterThanOrEqual(5);
    expect(grown('lambda.invocations', 'submissionTasks')).toBeGreaterThanOrEqual(1);
    expect(grown('lambda.billedMs', 'evidenceProcessor')).toBeGreaterThanOrEqual(1);
    // (a workflow task may fail and be retried, e.g. on a concurrent update of the round)
    expect(['evidenceProcessor', 'institutionApi', 'adminApi'].map((name) => after.counters['lambda.errors'][name] ?? 0)).toEqual([0, 0, 0]);
  });

  it('counts S3 requests by operation: the browser upload, and the processor reading and moving the file', () => {
    expect(grown('s3.requests', 'PostObject')).toBe(1);
    expect(grown('s3.requests', 'GetObject') + grown('s3.requests', 'CopyObject') + grown('s3.requests', 'PutObject')).toBeGreaterThanOrEqual(1);
  });

  it('counts DynamoDB requests with the read and write units they consumed', () => {
    expect(grown('dynamodb.requests', 'TransactWriteItems')).toBeGreaterThanOrEqual(3);
    expect(grown('dynamodb.writeUnits', 'TransactWriteItems')).toBeGreaterThanOrEqual(2 * grown('dynamodb.requests', 'TransactWriteItems'));
    const reads = Object.values(after.counters['dynamodb.readUnits']).reduce((sum, units) => sum + units, 0);
    expect(reads).toBeGreaterThan(0);
  });

  it('counts one submission execution, its state transitions, and the size of the longest history', () => {
    expect(grown('stepFunctions.executions', 'submission')).toBe(1);
    const transitions = grown('stepFunctions.transitions', 'submission');
    expect(transitions).toBeGreaterThanOrEqual(2);
    expect(after.stepFunctions.executions).toBeGreaterThanOrEqual(1);
    // Every state entered is a StateEntered event plus at least its exit or task events.
    expect(after.stepFunctions.largest?.events).toBeGreaterThan(transitions);
  });
});
