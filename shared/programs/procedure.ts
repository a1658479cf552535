/**
 * A program's own procedure as rounds follow it: whether a round may hold no publicity, the
 * site-visit setting its rounds start from, and who takes the final decision under what name.
 */
import type { Approval, ProgramTemplate } from './schema.js';

/** A round's site-visit setting (实地考察): none, when needed, or required for every proposed application. */
export type SiteVisitSetting = 'none' | 'when_needed' | 'required';

const siteVisitOfReview: Readonly<Record<ProgramTemplate['review']['siteVisit'], SiteVisitSetting>> = {
  never: 'none',
  when_needed: 'when_needed',
  always: 'required',
};

/**
 * The site-visit setting a round of `program` takes unless it sets its own.
 *
 * @example
 * defaultSiteVisit(miitDemoBase); // 'when_needed' (必要时进行实地考察)
 */
export function defaultSiteVisit(program: { readonly review: { readonly siteVisit: ProgramTemplate['review']['siteVisit'] } }): SiteVisitSetting {
  return siteVisitOfReview[program.review.siteVisit];
}

/**
 * Whether a round of `program` may hold no publicity (公示天数 0): where the program says so
 * (`publicity.optional`, e.g. its seed names no publicity) or marks its publicity step optional.
 */
export function publicityMayBeSkipped(program: {
  readonly publicity: { readonly optional: boolean };
  readonly steps: readonly { readonly kind: ProgramTemplate['steps'][number]['kind']; readonly optional: boolean }[];
}): boolean {
  return program.publicity.optional || program.steps.some((step) => step.kind === 'publicity' && step.optional);
}

/** The name of the final decision of a program without an `approval` section. */
export const defaultDecisionTitle = '最终审定';

/**
 * The approving body and the name of its decision for `program`: its `approval` section, else
 * 最终审定 by the body that signs its notice.
 *
 * @example
 * approvalOf(gxCityConsortium).decisionTitle; // '领导小组审定'
 */
export function approvalOf(program: Pick<ProgramTemplate, 'issuer' | 'noticeIssuer' | 'approval'>): Approval {
  return program.approval ?? { body: program.noticeIssuer?.name ?? program.issuer, decisionTitle: defaultDecisionTitle };
}
