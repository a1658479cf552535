/** The automatic eligibility check of a submitted application (申报条件核验): each rule, its outcome and why. */
import type { JSX } from 'preact';
import type { EligibilityOutcome, EligibilityReport } from '#shared/domain/eligibility.js';
import { portalApplicationText as t } from '#functions/web/institution-messages.js';
import { DataTable } from '../app/data-table.js';

const tone: Readonly<Record<EligibilityOutcome, string>> = { pass: 'badge ok', fail: 'badge bad', pending: 'badge warn', not_applicable: 'badge' };

/** The results of the eligibility rules, as staff see them in the formal review. */
export function EligibilityResults(props: { readonly report: EligibilityReport }): JSX.Element {
  const { report } = props;
  const explained = report.results.some((result) => result.detail);
  return (
    <section class="card" aria-labelledby="eligibility-heading">
      <h2 id="eligibility-heading">{t.eligibility}</h2>
      <p>{report.passed ? t.eligibilityPassed : t.eligibilityFailed}</p>
      <DataTable headings={explained ? [t.eligibilityColumns.rule, t.eligibilityColumns.outcome, t.eligibilityColumns.detail] : [t.eligibilityColumns.rule, t.eligibilityColumns.outcome]}>
        {report.results.map((result) => (
          <tr key={result.code}>
            <td>{result.text}</td>
            <td>
              <span class={tone[result.outcome]}>{t.outcomes[result.outcome]}</span>
            </td>
            {explained ? <td>{result.detail ?? ''}</td> : null}
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
