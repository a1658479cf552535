/**
 * What the expert assignment works with (`assignment.ts` and its solver, pool and recusal
 * modules): an application and an expert as it sees them, how it chooses, and why a pair is
 * refused. `assignment-input.ts` maps the domain's applications and experts to these.
 */

/** How `assignExperts` chooses: the best objective, or a seeded random draw (随机抽取). */
export type AssignmentMode = 'optimal' | 'draw';

/** An application as the assignment sees it. */
export interface AssignmentApplication {
  readonly id: string;
  /** The applicant organisation's name. */
  readonly organization: string;
  /** The applicant's region (e.g. 南宁 / 柳州市). */
  readonly region?: string | undefined;
  /** Tags from the program's tag fields (产业集群, 专业领域…) matched against experts' expertise. */
  readonly tags?: readonly string[] | undefined;
  /** Partner, co-applicant, co-lead and member organisations named in the form: recused like the applicant. */
  readonly relatedOrganizations?: readonly string[] | undefined;
  /** The applicant's declared avoid list (申请回避): expert names or organisation names. */
  readonly avoid?: readonly string[] | undefined;
}

/** An expert of the pool as the assignment sees it (a domain `Expert` fits). */
export interface AssignmentExpert {
  readonly id: string;
  /** The expert's name, matched against applicants' avoid lists. */
  readonly name?: string | undefined;
  readonly organization: string;
  readonly region?: string | undefined;
  readonly expertise: readonly string[];
  /** Organisation names the expert declared a conflict of interest with. */
  readonly conflicts: readonly string[];
  /** Most applications the expert reviews in this round. */
  readonly capacity: number;
}

/** Why an expert may not review an application (回避理由; rules in `assignment-recusal.ts`). */
export type ReviewConflict =
  | 'same_organization'
  | 'affiliated_organization'
  | 'related_organization'
  | 'declared_conflict'
  | 'applicant_avoid'
  | 'same_region';
