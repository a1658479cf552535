/**
 * The embedded local runtime behind `npm start`: one process with the DynamoDB emulator
 * (AWS DynamoDB Local as a child process, behind a signature-checking front), the S3 emulator (s3rver behind a policy-checking front), the
 * Step Functions service running `statemachines/*.asl.json`, the handlers of the catalogue
 * behind an API Gateway v2 style gateway, a dev JWT issuer, a mail catcher and a controllable
 * clock. All state lives under the data directory; a restart resumes waiting workflows.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { S3Event } from 'aws-lambda';
import { stateMachines, substitutionsOf } from '../definitions/catalog.js';
import { environmentNames } from '../definitions/environment.js';
import { errorResult } from '#functions/api/http/error-response.js';
import { overrideDependencies } from '#functions/composition-root.js';
import { systemClock } from '#shared/adapters/clock/system-clock.js';
import { refuseUnsignedJsonCall } from './auth/auth-refusals.js';
import { loadOrCreateCredentials } from './auth/runtime-credentials.js';
import { SigV4Verifier } from './auth/sigv4-verifier.js';
import { createDataTable } from './create-data-table.js';
import { startLocalDynamoDb } from './dynamodb/index.js';
import { createLocalStepFunctions } from './stepfunctions/index.js';
import { toApiEvent, writeApiResult } from './gateway/api-event.js';
import { DevAuth } from './gateway/dev-auth.js';
import { handleDev } from './gateway/dev-routes.js';
import { answerClientError, gatewayRefusals, parserHeadBytes, readRequest, type GatewayRefusal } from './gateway/request-limits.js';
import { hasWellFormedEscapes, matchRoute } from './gateway/route-table.js';
import { handleS3, type S3FrontOptions } from './gateway/s3-front.js';
import { LambdaHost } from './lambda-host.js';
import { MailCatcher } from './mail-catcher.js';
import { handleMetrics, metricsSigningName } from './metrics/metrics-route.js';
import { RuntimeMetrics } from './metrics/runtime-metrics.js';
import { RuntimeOperationalMetrics } from './metrics/runtime-operational-metrics.js';
import { RuntimeClock } from './runtime-clock.js';
import { startS3rverBackend } from './s3/s3rver-backend.js';

export interface RuntimeOptions {
  readonly port: number;
  readonly host?: string;
  readonly dataDir: string;
  readonly reset?: boolean;
  readonly log?: (line: string) => void;
}

export interface Runtime {
  readonly baseUrl: string;
  readonly clock: RuntimeClock;
  close(): Promise<void>;
}

const projectRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));
const region = 'us-east-1';
const accountId = '000000000000';
const tableName = 'cjrh-local';
const bucketName = 'cjrh-local-evidence';

/** Answers with the API contract's error body, as the handlers do. */
function contractError(response: ServerResponse, status: number, code: string, message: string): void {
  writeApiResult(response, errorResult(status, code, message));
}

/** Answers a refusal of the gateway's own. */
function refuse(response: ServerResponse, refusal: GatewayRefusal): void {
  contractError(response, refusal.status, refusal.code, refusal.message);
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolvePort, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      resolvePort(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Starts the whole local runtime. */
export async function startRuntime(options: RuntimeOptions): Promise<Runtime> {
  const log = options.log ?? ((line: string) => console.log(line));
  const host = options.host ?? '127.0.0.1';
  if (options.reset) rmSync(options.dataDir, { recursive: true, force: true });

  const clock = new RuntimeClock(join(options.dataDir, 'clock.json'));
  // The emulators accept only calls signed with the runtime's own credentials (SigV4).
  const credentials = loadOrCreateCredentials(join(options.dataDir, 'aws-credentials.json'));
  const verifier = (service: string) => new SigV4Verifier({ credentials, region, service, transportClock: systemClock, presignClock: clock });
  const metrics = new RuntimeMetrics();
  const dynamo = await startLocalDynamoDb({ dataDir: join(options.dataDir, 'dynamodb'), verifier: verifier('dynamodb'), metrics });
  const s3rver = await startS3rverBackend({ directory: join(options.dataDir, 's3'), bucket: bucketName, credentials, region });

  let ready = false;
  const inFlight = new Set<Promise<unknown>>();
  const server = createServer({ maxHeaderSize: parserHeadBytes }, (request, response) => {
    if (!ready) return contractError(response, 503, 'STARTING', '服务正在启动，请稍候');
    handle(request, response).catch((error: unknown) => {
      log(`gateway error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      if (!response.headersSent) contractError(response, 500, 'INTERNAL_ERROR', '服务暂时出现问题，请稍后重试');
      else response.destroy();
    });
  });
  server.on('clientError', answerClientError);
  const port = await listen(server, options.port, host);
  const baseUrl = `http://${host === '0.0.0.0' || host === '127.0.0.1' ? 'localhost' : host}:${port}`;

  const arnPrefix = `arn:aws:lambda:${region}:${accountId}:function:`;
  const stateMachineArn = (name: string) => `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
  Object.assign(process.env, {
    AWS_REGION: region,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    // On the pages' own origin: a presigned POST from the portal is a same-origin upload (CSP connect-src 'self').
    AWS_ENDPOINT_URL_S3: `${baseUrl}/s3`,
    AWS_ENDPOINT_URL_SFN: `http://127.0.0.1:${port}/_local/sfn`,
    S3_FORCE_PATH_STYLE: 'true',
    // s3rver stores aws-chunked bodies verbatim: every S3 client in this process (handlers and the
    // upload front) sends checksums only where S3 requires them.
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    POWERTOOLS_LOG_LEVEL: process.env['POWERTOOLS_LOG_LEVEL'] ?? 'WARN',
    // The handlers run concurrently in this process, as in a Lambda environment with this set:
    // Powertools then keeps each invocation's log keys apart (lambda-host.ts).
    AWS_LAMBDA_MAX_CONCURRENCY: '64',
    [environmentNames.tableName]: tableName,
    [environmentNames.bucketName]: bucketName,
    [environmentNames.submissionStateMachineArn]: stateMachineArn('submission'),
    [environmentNames.roundStateMachineArn]: stateMachineArn('round'),
    [environmentNames.reviewStateMachineArn]: stateMachineArn('review'),
    [environmentNames.unitStateMachineArn]: stateMachineArn('unit'),
    [environmentNames.publicBaseUrl]: baseUrl,
    [environmentNames.mailTransport]: 'capture',
    // Failed workflow steps are mailed to staff: captured at /dev/mail like every other mail.
    [environmentNames.staffEmail]: process.env[environmentNames.staffEmail] ?? 'staff@platform.local',
    // Every program unless a province is asked for (PROVINCE, and NATIONAL_PROGRAMS as a deployment's `programs`).
    [environmentNames.province]: process.env[environmentNames.province] ?? 'local',
    [environmentNames.devSignIn]: 'true',
  });
  await createDataTable(new DynamoDBClient({ endpoint: dynamo.endpoint, region, credentials }), tableName);

  const mail = new MailCatcher(join(options.dataDir, 'mail.jsonl'), clock, (message) => {
    metrics.count('mail.sent', 'messages');
    log(`mail → ${message.to}: ${message.subject}`);
  });
  overrideDependencies({ clock, mailer: mail, metrics: new RuntimeOperationalMetrics(metrics) });
  const auth = await DevAuth.open(join(options.dataDir, 'dev-jwt-key.json'), `${baseUrl}/dev`, clock);
  const lambdas = new LambdaHost(projectRoot, arnPrefix, metrics);

  const sfn = createLocalStepFunctions({
    dataDir: join(options.dataDir, 'stepfunctions'),
    clock,
    region,
    accountId,
    invokeLambda: (arn, payload) => lambdas.invoke(arn, payload),
    count: (what, machine) => metrics.count(what === 'execution' ? 'stepFunctions.executions' : 'stepFunctions.transitions', machine),
    log: (message, fields) => {
      if (process.env['LOCAL_SFN_DEBUG']) log(`sfn: ${message} ${fields ? JSON.stringify(fields) : ''}`);
    },
  });
  for (const machine of stateMachines) {
    let definition = readFileSync(join(projectRoot, machine.file), 'utf8');
    for (const [placeholder, target] of substitutionsOf(machine)) {
      definition = definition.split(`\${${placeholder}}`).join(lambdas.arnOf(target.function));
    }
    sfn.registerStateMachine(machine.name, definition);
  }

  const track = <T>(work: Promise<T>): Promise<T> => {
    inFlight.add(work);
    void work.finally(() => inFlight.delete(work)).catch(() => undefined);
    return work;
  };
  /** Delivers an S3 notification like Lambda's async invoke: up to 3 attempts. */
  const deliverS3Event = (event: S3Event) => {
    void track(
      (async () => {
        for (let attempt = 1; attempt <= 3; attempt += 1) {
          try {
            await lambdas.invoke('evidenceProcessor', event);
            return;
          } catch (error) {
            log(`evidenceProcessor attempt ${attempt} failed: ${error instanceof Error ? error.message : String(error)}`);
          }
        }
      })(),
    );
  };
  const s3Front: S3FrontOptions = {
    pathPrefix: '/s3',
    bucket: bucketName,
    backend: { ...s3rver.address, serve: s3rver.serve },
    backendClient: s3rver.client,
    clock,
    credentials,
    region,
    verifier: verifier('s3'),
    onObjectCreated: deliverS3Event,
    metrics,
  };
  const sfnVerifier = verifier('states');
  const metricsSources = { metrics, historyStatistics: () => sfn.historyStatistics(), verifier: verifier(metricsSigningName) };
  const settle = async () => {
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    await sfn.settle();
    while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
  };

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', baseUrl);
    const method = request.method ?? 'GET';
    if (!hasWellFormedEscapes(url.pathname)) return refuse(response, gatewayRefusals.malformedPath);
    if (await handleS3(s3Front, request, response, url)) return;
    const read = await readRequest(request);
    if ('refusal' in read) return refuse(response, read.refusal);
    const { body } = read;
    if ((url.pathname === '/_local/sfn' || url.pathname === '/_local/sfn/') && method === 'POST') {
      const target = String(request.headers['x-amz-target'] ?? '');
      let parsed: unknown;
      try {
        parsed = JSON.parse(body.toString('utf8') || '{}');
      } catch {
        parsed = undefined;
      }
      const refusal = await refuseUnsignedJsonCall(sfnVerifier, request, body);
      const result = refusal ?? (parsed === undefined ? { status: 400, body: { __type: 'SerializationException', message: 'invalid JSON' } } : await sfn.handle(target, parsed));
      response.writeHead(result.status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(result.body));
      return;
    }
    if (await handleMetrics(metricsSources, request, url, body, response)) return;
    if (await handleDev({ auth, mail, clock, settle }, method, url, body, response)) return;
    const match = matchRoute(method, url.pathname);
    if (!match) return contractError(response, 404, 'NOT_FOUND', '请求的地址不存在');
    const claims = match.definition.auth === 'jwt' ? await auth.verify(request.headers['authorization']) : undefined;
    if (match.definition.auth === 'jwt' && !claims) return contractError(response, 401, 'UNAUTHENTICATED', '请先登录（缺少或无效的访问令牌）');
    const event = toApiEvent(request, url, body, match, claims, clock.now());
    const result = await track(lambdas.invoke(match.definition.functionName, event));
    writeApiResult(response, result as never);
  }

  await sfn.resume();
  ready = true;
  return {
    baseUrl,
    clock,
    close: async () => {
      await new Promise<void>((done) => server.close(() => done()));
      server.closeAllConnections();
      await Promise.allSettled([...inFlight]);
      await sfn.close();
      await s3rver.close();
      await dynamo.close();
    },
  };
}
