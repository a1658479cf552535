/**
 * Published AWS prices (US East, N. Virginia, on-demand, no free tier) for the benchmarks'
 * cost estimates, and the arithmetic that turns the local runtime's counters into dollars.
 */
import { functions, routes } from '../infra/definitions/catalog.js';
import type { CounterSnapshot } from '../infra/local/metrics/runtime-metrics.js';

/**
 * The price table, each with the page that publishes it. The figures are those pages' list
 * prices as of the date below (written down then, not fetched at run time: a benchmark needs no
 * network); re-check them there before quoting a cost.
 */
export const awsPrices = {
  region: 'us-east-1',
  asOf: '2026-12-01',
  lambda: {
    source: 'https://aws.amazon.com/lambda/pricing/',
    perRequest: 0.2 / 1e6,
    /** Arm (Graviton), the stack's architecture (infra/constructs/handler-function.ts), first tier. */
    perGbSecondArm: 0.0000133334,
  },
  stepFunctions: { source: 'https://aws.amazon.com/step-functions/pricing/', perStandardTransition: 0.025 / 1000 },
  dynamodb: {
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    /** On-demand, after the 2024-11-01 reduction. */
    perWriteRequestUnit: 0.625 / 1e6,
    perReadRequestUnit: 0.125 / 1e6,
  },
  s3: {
    source: 'https://aws.amazon.com/s3/pricing/',
    /** S3 Standard: PUT, COPY, POST, LIST. */
    perTier1Request: 0.005 / 1000,
    /** S3 Standard: GET, SELECT and all other requests; DELETE is free. */
    perTier2Request: 0.0004 / 1000,
  },
  ses: { source: 'https://aws.amazon.com/ses/pricing/', perMessage: 0.1 / 1000 },
  apiGateway: { source: 'https://aws.amazon.com/api-gateway/pricing/', perHttpApiRequest: 1.0 / 1e6 },
} as const;

const tier1 = new Set(['PutObject', 'CopyObject', 'PostObject', 'PostObjectAction', 'ListObjects', 'ListObjectsV2', 'CreateBucket']);
const free = new Set(['DeleteObject', 'DeleteBucket']);
/** Functions behind the HTTP API (each invocation is an API Gateway request). */
const httpFunctions = new Set(routes.map((route) => route.functionName));

const sum = (values: Record<string, number>): number => Object.values(values).reduce((total, value) => total + value, 0);

/** Dollars per service for what the counters counted. */
export interface CostBreakdown {
  readonly lambda: number;
  readonly stepFunctions: number;
  readonly dynamodb: number;
  readonly s3: number;
  readonly ses: number;
  readonly apiGateway: number;
  readonly total: number;
}

/** GB-seconds per function: billed milliseconds at the function's memory size (infra/definitions/catalog.ts). */
export function gigabyteSeconds(counters: CounterSnapshot): Record<string, number> {
  return Object.fromEntries(
    functions.map((definition) => [definition.name, ((counters['lambda.billedMs'][definition.name] ?? 0) / 1000) * (definition.memoryMb / 1024)]),
  );
}

/** What the counted work costs at {@link awsPrices}. */
export function costOf(counters: CounterSnapshot): CostBreakdown {
  const lambda = sum(counters['lambda.invocations']) * awsPrices.lambda.perRequest + sum(gigabyteSeconds(counters)) * awsPrices.lambda.perGbSecondArm;
  const stepFunctions = sum(counters['stepFunctions.transitions']) * awsPrices.stepFunctions.perStandardTransition;
  const dynamodb = sum(counters['dynamodb.writeUnits']) * awsPrices.dynamodb.perWriteRequestUnit + sum(counters['dynamodb.readUnits']) * awsPrices.dynamodb.perReadRequestUnit;
  const s3 = Object.entries(counters['s3.requests']).reduce(
    (total, [operation, count]) => total + (free.has(operation) ? 0 : count * (tier1.has(operation) ? awsPrices.s3.perTier1Request : awsPrices.s3.perTier2Request)),
    0,
  );
  const ses = sum(counters['mail.sent']) * awsPrices.ses.perMessage;
  const apiGateway = Object.entries(counters['lambda.invocations']).reduce((total, [name, count]) => total + (httpFunctions.has(name) ? count * awsPrices.apiGateway.perHttpApiRequest : 0), 0);
  return { lambda, stepFunctions, dynamodb, s3, ses, apiGateway, total: lambda + stepFunctions + dynamodb + s3 + ses + apiGateway };
}
