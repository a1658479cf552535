/** The automatic eligibility check of a submitted application (申报条件核验): each rule, its outcome and why. */
import type { JSX } from 'preact';
import type { EligibilityOutcome, EligibilityReport } from '../../../../shared/domain/eligibility.js';
import { portalApplicationText as t } from '../../institution-messages.js';

const tone: Readonly<Record<EligibilityOutcome, string>> = { pass: 'badge ok', fail: 'badge bad', pending: 'badge warn', not_applicable: 'badge' };

/** The results of the eligibility rules, as staff see them in the formal review. */
export function EligibilityResults(props: { readonly report: EligibilityReport }): JSX.Element {
  const { report } = props;
  const explained = report.results.some((result) => result.detail);
  return (
    <section class="card" aria-labelledby="eligibility-heading">
      <h2 id="eligibility-heading">{t.eligibility}</h2>
      <p>{report.passed ? t.eligibilityPassed : t.eligibilityFailed}</p>
      <div class="scroll">
        <table>
          <thead>
            <tr>
              <th scope="col">{t.eligibilityColumns.rule}</th>
              <th scope="col">{t.eligibilityColumns.outcome}</th>
              {explained ? <th scope="col">{t.eligibilityColumns.detail}</th> : null}
            </tr>
          </thead>
          <tbody>
            {report.results.map((result) => (
              <tr key={result.code}>
                <td>{result.text}</td>
                <td>
                  <span class={tone[result.outcome]}>{t.outcomes[result.outcome]}</span>
                </td>
                {explained ? <td>{result.detail ?? ''}</td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
