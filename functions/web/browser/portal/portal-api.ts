/**
 * What the portal reads from the API (`GET /api/rounds`, `/api/applications…`,
 * `/api/programs/{id}`) and the one call two pages share: opening the organisation's
 * application in a round, created when it has none there yet.
 */
import type { ApplicationStatus } from '#shared/domain/application-status.js';
import type { EligibilityReport } from '#shared/domain/eligibility.js';
import type { EvidenceStatus } from '#shared/domain/evidence.js';
import type { EligibilityRule, FormField, IndicatorNode, Material } from '#shared/programs/schema.js';
import type { ApiError } from '../page-runtime.js';
import { authorizedApi } from '../session.js';

/** A round open for intake (`GET /api/rounds`). */
export interface OpenRound {
  readonly id: string;
  readonly title: string;
  readonly year: number;
  readonly programId: string;
  /** The program version the round was created with (its form and materials). */
  readonly programVersion?: number;
  readonly programName: string;
  readonly intakeOpensAt: string;
  readonly intakeClosesAt: string;
  readonly status: string;
  /** `evaluation`: a cycle evaluation (周期评估) of the organisation's `units`, one application each. */
  readonly kind?: 'recognition' | 'evaluation';
  readonly units?: readonly { readonly id: string; readonly organization: string; readonly title: string }[];
}

/** An indicator of the published tree, with its points. */
export type PublishedIndicator = Omit<IndicatorNode, 'children'> & { readonly maxScore: number; readonly children?: readonly PublishedIndicator[] };

/** The program template as `GET /api/programs/{id}` publishes it (the parts the portal shows). */
export interface PublishedProgram {
  readonly id: string;
  readonly name: string;
  readonly issuer: string;
  readonly policyRef: string;
  readonly applicantKinds: readonly { readonly code: string; readonly label: string }[];
  readonly form: FormField[];
  readonly eligibility: readonly EligibilityRule[];
  readonly materials: Material[];
  readonly indicators: readonly PublishedIndicator[];
}

/** One uploaded file of an application. */
export interface EvidenceItem {
  readonly id: string;
  readonly materialKey: string;
  readonly fileName: string;
  readonly size: number;
  readonly status: EvidenceStatus;
  readonly createdAt: string;
  readonly reason?: string;
  readonly pages?: number;
}

/** An application as its organisation sees it. */
export interface PortalApplication {
  readonly id: string;
  readonly roundId: string;
  readonly programId: string;
  /** The program version the round was created with (its form and materials). */
  readonly programVersion?: number;
  /** The recognised unit a cycle evaluation's application reports on (absent for a recognition). */
  readonly unitId?: string;
  readonly title: string;
  readonly status: ApplicationStatus;
  readonly form: Readonly<Record<string, unknown>>;
  readonly submissions: number;
  readonly submittedAt?: string;
  readonly updatedAt: string;
  readonly version: number;
  readonly eligibility?: EligibilityReport;
  readonly screening?: { readonly outcome: string; readonly reasons: readonly string[]; readonly at: string };
  readonly result?: { readonly rank: number; readonly score: number | null };
  readonly evidence?: readonly EvidenceItem[];
  /** The round's procedure (`GET /api/applications/{id}`): publicity held, the final decision's name, a cancellation. */
  readonly procedure?: {
    readonly publicity: boolean;
    readonly approval: { readonly body: string; readonly decisionTitle: string };
    readonly cancellation?: { readonly reason: string; readonly cancelledAt: string };
  };
  /** On the list (`GET /api/applications`). */
  readonly roundTitle?: string;
  readonly programName?: string;
}

/** The organisation's application in `roundId` that still counts (not withdrawn), if any. */
export function applicationInRound(applications: readonly PortalApplication[], roundId: string): PortalApplication | undefined {
  return applications.find((application) => application.roundId === roundId && application.status !== 'withdrawn');
}

/**
 * Opens the organisation's application in a round: the one it already has there, else a new
 * draft (`POST /api/applications` with an empty form; in a cycle evaluation, for its unit). Resolves to the refusal, if any.
 */
export async function startApplication(roundId: string): Promise<ApiError | undefined> {
  const listed = await authorizedApi<{ applications: PortalApplication[] }>('GET', '/api/applications');
  if (!listed.ok) return listed.error;
  const existing = applicationInRound(listed.data.applications, roundId);
  if (existing) {
    location.assign(`/portal/applications/${encodeURIComponent(existing.id)}`);
    return undefined;
  }
  // a cycle evaluation's application is its unit's (the organisation's first unit the round evaluates)
  const rounds = await authorizedApi<{ rounds: OpenRound[] }>('GET', '/api/rounds');
  const unitId = rounds.ok ? rounds.data.rounds.find((round) => round.id === roundId && round.kind === 'evaluation')?.units?.[0]?.id : undefined;
  const created = await authorizedApi<{ application: PortalApplication }>('POST', '/api/applications', { roundId, form: {}, ...(unitId ? { unitId } : {}) });
  if (!created.ok) return created.error;
  location.assign(`/portal/applications/${encodeURIComponent(created.data.application.id)}`);
  return undefined;
}
