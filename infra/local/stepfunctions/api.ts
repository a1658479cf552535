import type { ExecutionRecord, ExecutionStatus, HistoryEvent } from './execution-record.js';
import type { Interpreter } from './interpreter.js';
import { ServiceError } from './service-error.js';
import type { StateMachineRegistry } from './state-machine-registry.js';

/** An API response: HTTP status and JSON body. */
export interface ApiResponse {
  status: number;
  body: unknown;
}

/** What the API layer talks to. */
export interface ApiDependencies {
  interpreter: Interpreter;
  registry: StateMachineRegistry;
  roleArn: string;
}

type Body = Record<string, unknown>;
type Operation = (body: Body) => unknown;

const statuses: readonly ExecutionStatus[] = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED'];

/** Epoch milliseconds → the epoch-seconds number the JSON protocol uses for timestamps. */
const seconds = (ms: number | undefined): number | undefined => (ms === undefined ? undefined : ms / 1000);

function requireString(body: Body, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw new ServiceError('ValidationException', `1 validation error detected: '${field}' must not be null`);
  return value;
}

function optionalString(body: Body, field: string): string | undefined {
  const value = body[field];
  return typeof value === 'string' ? value : undefined;
}

/** Pages a list with AWS-style maxResults/nextToken (the token is an opaque offset). */
function paginate<T>(items: T[], body: Body, defaultMax: number): { page: T[]; nextToken?: string } {
  const max = typeof body.maxResults === 'number' && body.maxResults > 0 ? Math.min(body.maxResults, 1000) : defaultMax;
  let offset = 0;
  if (typeof body.nextToken === 'string') {
    offset = Number(Buffer.from(body.nextToken, 'base64url').toString('utf8'));
    if (!Number.isInteger(offset) || offset < 0) throw new ServiceError('InvalidToken', 'Invalid Token: nextToken is not valid');
  }
  const page = items.slice(offset, offset + max);
  const next = offset + max;
  return next < items.length ? { page, nextToken: Buffer.from(String(next)).toString('base64url') } : { page };
}

function summary(record: ExecutionRecord): Body {
  return {
    executionArn: record.executionArn,
    stateMachineArn: record.stateMachineArn,
    name: record.name,
    status: record.status,
    startDate: seconds(record.startDate),
    stopDate: seconds(record.stopDate),
  };
}

function apiEvent(event: HistoryEvent, includeData: boolean): Body {
  const result: Body = { ...event, timestamp: seconds(event.timestamp) };
  if (!includeData) {
    for (const [key, value] of Object.entries(result)) {
      if (!key.endsWith('EventDetails') || value === null || typeof value !== 'object') continue;
      const { input: _input, output: _output, parameters: _parameters, ...rest } = value as Body;
      result[key] = rest;
    }
  }
  return result;
}

/**
 * Builds the handler of the Step Functions JSON 1.0 protocol: `target` is the
 * X-Amz-Target header (`AWSStepFunctions.<Operation>`), `body` the parsed JSON body.
 * Service errors become status 400 with `{"__type": "<Error>", "message": "…"}`.
 *
 * @example await handle('AWSStepFunctions.DescribeExecution', { executionArn })
 */
export function createApiHandler(deps: ApiDependencies): (target: string, body: unknown) => Promise<ApiResponse> {
  const { interpreter, registry } = deps;
  const execution = (body: Body): ExecutionRecord => {
    const arn = requireString(body, 'executionArn');
    const record = interpreter.getExecution(arn);
    if (!record) throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`);
    return record;
  };
  const machine = (arn: string) => {
    const found = registry.get(arn);
    if (!found) throw new ServiceError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return found;
  };

  const operations: Record<string, Operation> = {
    StartExecution: (body) => {
      const name = optionalString(body, 'name');
      const input = optionalString(body, 'input');
      const record = interpreter.startExecution({
        stateMachineArn: requireString(body, 'stateMachineArn'),
        ...(name !== undefined ? { name } : {}),
        ...(input !== undefined ? { input } : {}),
      });
      return { executionArn: record.executionArn, startDate: seconds(record.startDate) };
    },
    DescribeExecution: (body) => {
      const record = execution(body);
      return {
        ...summary(record),
        input: record.input,
        inputDetails: { included: true },
        ...(record.output !== undefined ? { output: record.output, outputDetails: { included: true } } : {}),
        ...(record.error !== undefined ? { error: record.error } : {}),
        ...(record.cause !== undefined ? { cause: record.cause } : {}),
        redriveCount: 0,
        redriveStatus: 'NOT_REDRIVABLE',
      };
    },
    GetExecutionHistory: (body) => {
      const record = execution(body);
      const events = body.reverseOrder === true ? [...record.history].reverse() : record.history;
      const { page, nextToken } = paginate(events, body, 100);
      const includeData = body.includeExecutionData !== false;
      return { events: page.map((event) => apiEvent(event, includeData)), ...(nextToken ? { nextToken } : {}) };
    },
    ListExecutions: (body) => {
      const stateMachineArn = requireString(body, 'stateMachineArn');
      machine(stateMachineArn);
      const filter = optionalString(body, 'statusFilter');
      if (filter !== undefined && !statuses.includes(filter as ExecutionStatus)) {
        throw new ServiceError('ValidationException', `statusFilter must be one of ${statuses.join(', ')}`);
      }
      const matches = interpreter
        .listExecutions()
        .filter((record) => record.stateMachineArn === stateMachineArn && (filter === undefined || record.status === filter))
        .sort((a, b) => b.startDate - a.startDate || a.name.localeCompare(b.name));
      const { page, nextToken } = paginate(matches, body, 100);
      return { executions: page.map(summary), ...(nextToken ? { nextToken } : {}) };
    },
    StopExecution: (body) => {
      const record = interpreter.stopExecution(requireString(body, 'executionArn'), optionalString(body, 'error'), optionalString(body, 'cause'));
      return { stopDate: seconds(record.stopDate) };
    },
    SendTaskSuccess: (body) => {
      interpreter.sendTaskSuccess(body.taskToken, requireString(body, 'output'));
      return {};
    },
    SendTaskFailure: (body) => {
      interpreter.sendTaskFailure(body.taskToken, optionalString(body, 'error'), optionalString(body, 'cause'));
      return {};
    },
    DescribeStateMachine: (body) => {
      const found = machine(requireString(body, 'stateMachineArn'));
      return {
        stateMachineArn: found.stateMachineArn,
        name: found.name,
        status: 'ACTIVE',
        definition: found.definition,
        roleArn: deps.roleArn,
        type: 'STANDARD',
        creationDate: seconds(found.creationDate),
      };
    },
    ListStateMachines: (body) => {
      const { page, nextToken } = paginate(registry.list(), body, 100);
      const stateMachines = page.map((found) => ({ stateMachineArn: found.stateMachineArn, name: found.name, type: 'STANDARD', creationDate: seconds(found.creationDate) }));
      return { stateMachines, ...(nextToken ? { nextToken } : {}) };
    },
  };

  return async (target, rawBody) => {
    const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
    if (!target.startsWith('AWSStepFunctions.') || !operation) {
      return { status: 400, body: { __type: 'UnknownOperationException', message: `Unknown operation ${target}` } };
    }
    try {
      const body = (typeof rawBody === 'string' ? (rawBody === '' ? {} : JSON.parse(rawBody)) : (rawBody ?? {})) as Body;
      return { status: 200, body: operation(body) };
    } catch (error) {
      if (error instanceof ServiceError) return { status: 400, body: { __type: error.type, message: error.message } };
      if (error instanceof SyntaxError) return { status: 400, body: { __type: 'SerializationException', message: error.message } };
      return { status: 500, body: { __type: 'InternalFailure', message: error instanceof Error ? error.message : String(error) } };
    }
  };
}
