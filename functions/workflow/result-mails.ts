/**
 * Result mails (认定结果通知): every applicant is told its outcome, in Chinese, naming the round
 * and the outcome, at the point that outcome is final — ineligible at formal review, not
 * shortlisted when the shortlist is approved (with or without publicity), recognised or
 * rejected when the results are published. A recognised applicant's mail links to the public results page.
 */
import type { Application } from '#shared/domain/application.js';
import type { Round } from '#shared/domain/round.js';
import type { Dependencies } from '../composition-root.js';
import { outcomeMail, type FinalOutcome } from '../notifications/mail-templates.js';
import { requireRoundProgram } from '../record-lookups.js';
import { approvalOf } from '#shared/programs/procedure.js';

const finalOutcomes: readonly string[] = ['recognized', 'rejected', 'not_shortlisted', 'ineligible'] satisfies FinalOutcome[];

function isFinalOutcome(status: string): status is FinalOutcome {
  return finalOutcomes.includes(status);
}

/** The applicant's contact e-mail address from its form, when it has a usable one. */
export function contactOf(application: Application): string | undefined {
  const email = application.form['contactEmail'];
  return typeof email === 'string' && email.includes('@') ? email : undefined;
}

/** Why an ineligible application was refused: the failed automatic rules, then the staff's reasons. */
function ineligibilityReasons(application: Application): string[] {
  const failed = (application.eligibility?.results ?? []).filter((result) => result.outcome === 'fail').map((result) => result.text);
  return [...failed, ...(application.screening?.reasons ?? [])];
}

/**
 * Sends each application of `round` that has reached a final outcome its result mail; others
 * (and applications without a contact address) are skipped. Pass the applications as they
 * are after the change that decided them.
 *
 * @example
 * await mailOutcomes(deps, round, decided.map((change) => change.entity));
 */
export async function mailOutcomes(deps: Dependencies, round: Round, applications: readonly Application[]): Promise<void> {
  const program = await requireRoundProgram(deps, round);
  for (const application of applications) {
    const to = contactOf(application);
    if (!to || !isFinalOutcome(application.status)) continue;
    const outcome = application.status;
    await deps.mailer.send(
      outcomeMail(to, {
        applicantName: application.applicantName,
        title: application.title,
        roundTitle: round.title,
        programName: program.name,
        outcome,
        decisionTitle: approvalOf(program).decisionTitle,
        noticeNumber: round.finalDecision?.noticeNumber,
        reasons: outcome === 'ineligible' ? ineligibilityReasons(application) : [],
        url: outcome === 'recognized' ? `${deps.settings.publicBaseUrl}/results/${encodeURIComponent(round.id)}` : undefined,
      }),
    );
  }
}
