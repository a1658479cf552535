/**
 * The catalogue of Lambda functions and HTTP routes, defined once: the CDK stack creates a
 * Lambda function per entry and wires the routes to the HTTP API; the local runtime imports
 * the same handler modules and routes requests to them the same way.
 */
import { webPaths } from '#functions/web/page-catalog.js';

/** What a function may touch; the CDK stack grants exactly these (least privilege). */
export interface FunctionAccess {
  readonly table: 'read' | 'readWrite';
  /** Bucket key prefixes and the access per prefix. */
  readonly bucket?: readonly { prefix: string; actions: readonly ('read' | 'write' | 'delete')[] }[];
  /** Step Functions actions: start executions of named machines and/or send task results. */
  readonly startExecution?: readonly StateMachineName[];
  /**
   * Machines that invoke the function and whose next execution it starts (the unit workflow
   * hands each leg of a cycle to a new execution): granted and named by the machine's
   * name-derived ARN, since the machine already refers to the function (no dependency cycle).
   */
  readonly startNextExecution?: readonly StateMachineName[];
  /** Machines whose executions the function stops (DescribeExecution, StopExecution), e.g. a cancelled round's. */
  readonly stopExecution?: readonly StateMachineName[];
  /** Machines whose callback tasks the function completes (SendTaskSuccess/Failure/Heartbeat). */
  readonly sendTaskResult?: readonly StateMachineName[];
  readonly sendMail?: boolean;
}

export type StateMachineName = 'submission' | 'round' | 'review' | 'unit';

/**
 * Files a function reads at run time besides its bundled code, shipped in its Lambda asset by
 * the CDK construct (locally they come from node_modules):
 * - `cjk-documents`: what the PDF documents need, the Noto Sans SC TrueType files (read by
 *   `functions/documents/cjk-font.ts`) and harfbuzz's `hb-subset` WebAssembly (read by `subset-font`).
 * - `page-scripts`: the TypeScript page scripts bundled for the browser at `assets/<name>` (read by
 *   `functions/web/page-scripts.ts`).
 */
export type FunctionAssets = 'cjk-documents' | 'page-scripts';

export interface FunctionDefinition {
  /** Logical name, also the construct id and the local function name. */
  readonly name: string;
  /** Entry file, relative to the project root. */
  readonly entry: string;
  readonly description: string;
  readonly memoryMb: number;
  readonly timeoutSeconds: number;
  readonly access: FunctionAccess;
  /** Run-time files shipped next to the bundle; none when absent. */
  readonly assets?: FunctionAssets;
}

/** Authorisation of an HTTP route: a JWT from the issuer, or none (public and review links). */
export type RouteAuth = 'jwt' | 'none';

export interface RouteDefinition {
  readonly method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  /** API Gateway v2 path with `{param}` placeholders. */
  readonly path: string;
  readonly functionName: string;
  readonly auth: RouteAuth;
  /**
   * API Gateway throttling of this route over all clients (requests per second and burst),
   * below the stage's default; per-client limits are the handler's (and the edge's) job.
   */
  readonly throttle?: { readonly rateLimit: number; readonly burstLimit: number };
}

export const functions = [
  {
    name: 'programsApi',
    entry: 'functions/api/programs.ts',
    description: 'Public catalogue of recognition programs',
    memoryMb: 256,
    timeoutSeconds: 10,
    access: { table: 'read' },
  },
  {
    name: 'adminApi',
    entry: 'functions/api/admin.ts',
    description: 'Staff API: rounds, screening, experts, review progress, decisions, exports, audit',
    memoryMb: 1024,
    timeoutSeconds: 29,
    access: {
      table: 'readWrite',
      bucket: [
        { prefix: 'evidence/', actions: ['read'] },
        { prefix: 'output/', actions: ['read', 'write'] },
      ],
      startExecution: ['round'],
      // Cancelling a round stops its workflow and its applications' submission and review workflows.
      stopExecution: ['round', 'submission', 'review'],
      // Screening decisions, staff decisions, reassignment by hand (the review slot looks for its
      // replacement), and retries of failed steps of every workflow.
      sendTaskResult: ['submission', 'round', 'review'],
      sendMail: true,
    },
    assets: 'cjk-documents',
  },
  {
    name: 'institutionApi',
    entry: 'functions/api/institution.ts',
    description: 'Institution API: open rounds, applications, evidence uploads, submission, profile, certificate (PDF)',
    memoryMb: 1024,
    timeoutSeconds: 15,
    access: {
      table: 'readWrite',
      bucket: [{ prefix: 'quarantine/', actions: ['write'] }],
      startExecution: ['submission'],
      // A withdrawal may be the last screening the round waits for.
      sendTaskResult: ['round'],
    },
    assets: 'cjk-documents',
  },
  {
    name: 'reviewApi',
    entry: 'functions/api/review.ts',
    description: 'Expert review links: conflict declaration, materials, scores',
    memoryMb: 512,
    timeoutSeconds: 15,
    access: {
      table: 'readWrite',
      bucket: [{ prefix: 'evidence/', actions: ['read'] }],
      sendTaskResult: ['review'],
    },
  },
  {
    name: 'publicApi',
    entry: 'functions/api/public.ts',
    description: 'Public publicity list, objections, results and the published notice (PDF)',
    memoryMb: 1024,
    timeoutSeconds: 29,
    access: { table: 'readWrite' },
    assets: 'cjk-documents',
  },
  {
    name: 'webPages',
    entry: 'functions/web/pages.ts',
    description: 'Server-rendered pages for experts and the public, and their page scripts',
    memoryMb: 256,
    timeoutSeconds: 10,
    access: { table: 'read' },
    assets: 'page-scripts',
  },
  {
    name: 'evidenceProcessor',
    entry: 'functions/evidence/process-upload.ts',
    description: 'Checks uploaded evidence (magic bytes, sha256, pages) and moves it out of quarantine',
    memoryMb: 512,
    timeoutSeconds: 300,
    access: {
      table: 'readWrite',
      bucket: [
        { prefix: 'quarantine/', actions: ['read', 'delete'] },
        { prefix: 'evidence/', actions: ['write'] },
      ],
      // The last file checked releases the submission workflow waiting for it.
      sendTaskResult: ['submission'],
    },
  },
  {
    name: 'submissionTasks',
    entry: 'functions/workflow/submission-tasks.ts',
    description: 'Tasks of the submission workflow: evidence check, eligibility, formal review',
    memoryMb: 512,
    timeoutSeconds: 60,
    access: { table: 'readWrite', sendTaskResult: ['submission', 'round'], sendMail: true },
  },
  {
    name: 'roundTasks',
    entry: 'functions/workflow/round-tasks.ts',
    description: 'Tasks of the round workflow: intake close, assignment, ranking, publicity, publish',
    memoryMb: 1024,
    timeoutSeconds: 300,
    access: {
      table: 'readWrite',
      bucket: [{ prefix: 'output/', actions: ['read', 'write'] }],
      // The assignment starts each application's review workflow, the publication each unit's duties.
      startExecution: ['review', 'unit'],
      sendTaskResult: ['round'],
      sendMail: true,
    },
  },
  {
    name: 'reviewTasks',
    entry: 'functions/workflow/review-tasks.ts',
    description: 'Tasks of the review workflow: invitations, reminders, reassignment',
    memoryMb: 512,
    timeoutSeconds: 60,
    // The last review completed releases the round waiting for it.
    access: { table: 'readWrite', sendTaskResult: ['review', 'round'], sendMail: true },
  },
  {
    name: 'unitTasks',
    entry: 'functions/workflow/unit-tasks.ts',
    description: 'Tasks of the unit workflow: duty schedule, reminders to late units, next leg, end of cycle',
    memoryMb: 256,
    timeoutSeconds: 60,
    access: { table: 'readWrite', startNextExecution: ['unit'], sendMail: true },
  },
] as const satisfies readonly FunctionDefinition[];

export type FunctionName = (typeof functions)[number]['name'];

const jwt = 'jwt' as const;
const none = 'none' as const;

export const routes: readonly RouteDefinition[] = [
  { method: 'GET', path: '/api/programs', functionName: 'programsApi', auth: none },
  { method: 'GET', path: '/api/programs/{id}', functionName: 'programsApi', auth: none },

  { method: 'POST', path: '/api/admin/rounds', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/rounds/{id}/close-intake', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/rounds/{id}/retry', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/rounds/{id}/cancel', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/applications', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/applications/{id}', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/applications/{id}/screening', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/applications/{id}/retry', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/experts', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/experts/import', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/experts', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/assignments', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/progress', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/recusals', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/review-tasks/{taskId}/reassign', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/ranking', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/rounds/{id}/shortlist', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/applications/{id}/site-visits', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/site-visits/{id}/report', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/site-visits', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/objections', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/objections/{id}/resolve', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/rounds/{id}/objections/resolve', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/rounds/{id}/final-approval', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/export.xlsx', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/notice.pdf', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/certificates.zip', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/rounds/{id}/certificates/{file}', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/audit', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/units', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/programs', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/programs', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/programs/{id}', functionName: 'adminApi', auth: jwt },
  { method: 'PUT', path: '/api/admin/programs/{id}', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/reports', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/reports/{id}', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/reports/{id}/review', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/evaluations', functionName: 'adminApi', auth: jwt },
  { method: 'POST', path: '/api/admin/rounds/{id}/evaluation-decisions', functionName: 'adminApi', auth: jwt },
  { method: 'GET', path: '/api/admin/organizations', functionName: 'adminApi', auth: jwt },
  { method: 'PUT', path: '/api/admin/organizations/{orgId}', functionName: 'adminApi', auth: jwt },

  { method: 'GET', path: '/api/rounds', functionName: 'institutionApi', auth: jwt },
  { method: 'POST', path: '/api/applications', functionName: 'institutionApi', auth: jwt },
  { method: 'GET', path: '/api/applications', functionName: 'institutionApi', auth: jwt },
  { method: 'GET', path: '/api/applications/{id}', functionName: 'institutionApi', auth: jwt },
  { method: 'PATCH', path: '/api/applications/{id}', functionName: 'institutionApi', auth: jwt },
  { method: 'POST', path: '/api/applications/{id}/evidence', functionName: 'institutionApi', auth: jwt },
  { method: 'GET', path: '/api/applications/{id}/evidence/{evidenceId}', functionName: 'institutionApi', auth: jwt },
  { method: 'DELETE', path: '/api/applications/{id}/evidence/{evidenceId}', functionName: 'institutionApi', auth: jwt },
  { method: 'POST', path: '/api/applications/{id}/submit', functionName: 'institutionApi', auth: jwt },
  { method: 'POST', path: '/api/applications/{id}/withdraw', functionName: 'institutionApi', auth: jwt },
  { method: 'GET', path: '/api/units', functionName: 'institutionApi', auth: jwt },
  { method: 'GET', path: '/api/units/{id}/reports', functionName: 'institutionApi', auth: jwt },
  { method: 'POST', path: '/api/units/{id}/reports', functionName: 'institutionApi', auth: jwt },
  { method: 'GET', path: '/api/units/{id}/reports/{reportId}', functionName: 'institutionApi', auth: jwt },
  { method: 'PATCH', path: '/api/units/{id}/reports/{reportId}', functionName: 'institutionApi', auth: jwt },
  { method: 'POST', path: '/api/units/{id}/reports/{reportId}/evidence', functionName: 'institutionApi', auth: jwt },
  { method: 'GET', path: '/api/units/{id}/reports/{reportId}/evidence/{evidenceId}', functionName: 'institutionApi', auth: jwt },
  { method: 'DELETE', path: '/api/units/{id}/reports/{reportId}/evidence/{evidenceId}', functionName: 'institutionApi', auth: jwt },
  { method: 'POST', path: '/api/units/{id}/reports/{reportId}/submit', functionName: 'institutionApi', auth: jwt },
  { method: 'GET', path: '/api/applications/{id}/certificate.pdf', functionName: 'institutionApi', auth: jwt },
  { method: 'GET', path: '/api/profile', functionName: 'institutionApi', auth: jwt },
  { method: 'PUT', path: '/api/profile', functionName: 'institutionApi', auth: jwt },

  { method: 'GET', path: '/api/review/{linkId}', functionName: 'reviewApi', auth: none },
  { method: 'POST', path: '/api/review/{linkId}/conflict', functionName: 'reviewApi', auth: none },
  { method: 'GET', path: '/api/review/{linkId}/application', functionName: 'reviewApi', auth: none },
  { method: 'POST', path: '/api/review/{linkId}/scores', functionName: 'reviewApi', auth: none },
  { method: 'POST', path: '/api/review/{linkId}/decline', functionName: 'reviewApi', auth: none },

  { method: 'GET', path: '/api/public/rounds/{id}/publicity', functionName: 'publicApi', auth: none },
  { method: 'POST', path: '/api/public/rounds/{id}/objections', functionName: 'publicApi', auth: none, throttle: { rateLimit: 10, burstLimit: 20 } },
  { method: 'GET', path: '/api/public/rounds/{id}/results', functionName: 'publicApi', auth: none },
  { method: 'GET', path: '/api/public/rounds/{id}/notice.pdf', functionName: 'publicApi', auth: none },

  // The pages (signed-in pages check the session in the browser; their data comes from `jwt` routes).
  ...webPaths.map((path) => ({ method: 'GET' as const, path, functionName: 'webPages', auth: none })),
];

/** What a placeholder in a definition file stands for: the ARN of a function from {@link functions}. */
export type SubstitutionTarget = { readonly function: FunctionName };

/**
 * The state machines: each definition file and the placeholders substituted into it
 * (the value names a function from {@link functions}).
 */
export const stateMachines = [
  {
    name: 'submission',
    file: 'statemachines/submission.asl.json',
    substitutions: { SubmissionTasksFunctionArn: { function: 'submissionTasks' } },
  },
  {
    name: 'review',
    file: 'statemachines/review.asl.json',
    substitutions: { ReviewTasksFunctionArn: { function: 'reviewTasks' } },
  },
  {
    name: 'unit',
    file: 'statemachines/unit.asl.json',
    substitutions: { UnitTasksFunctionArn: { function: 'unitTasks' } },
  },
  {
    name: 'round',
    file: 'statemachines/round.asl.json',
    substitutions: {
      RoundTasksFunctionArn: { function: 'roundTasks' },
    },
  },
] as const satisfies readonly {
  name: StateMachineName;
  file: string;
  substitutions: Record<string, SubstitutionTarget>;
}[];

/** A state machine's placeholders and what each stands for (typed, where `Object.entries` of the literal gives `any`). */
export function substitutionsOf(machine: (typeof stateMachines)[number]): [placeholder: string, target: SubstitutionTarget][] {
  return Object.entries<SubstitutionTarget>(machine.substitutions);
}
