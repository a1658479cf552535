/**
 * 查看回避情况 on the review progress page: on request, every (application, expert) pair the
 * assignment excludes, with the reason in Chinese and the name that matched
 * (`GET /api/admin/rounds/{id}/recusals`, which the page loads once for its 改派 choices too).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { RecusalEntry } from '#shared/domain/round-recusals.js';
import { recusalsText as t } from '#functions/web/staff-messages.js';
import { DataTable } from '../app/data-table.js';
import { WhenLoaded, type Loaded } from '../app/ui.js';

/** The button, and once pressed the table of the round's recusals. */
export function RecusalsPanel(props: { readonly recusals: Loaded<{ recusals: readonly RecusalEntry[] }> }): JSX.Element {
  const [shown, setShown] = useState(false);
  return (
    <section class="card" aria-labelledby="recusals-heading">
      <h2 id="recusals-heading">{t.heading}</h2>
      <p class="hint">{t.intro}</p>
      <button type="button" aria-expanded={shown} aria-controls="recusals-table" onClick={() => setShown(!shown)}>
        {shown ? t.hide : t.show}
      </button>
      <div id="recusals-table">
        {shown ? (
          <WhenLoaded loaded={props.recusals}>
            {(data) =>
              data.recusals.length === 0 ? (
                <p>{t.none}</p>
              ) : (
                <DataTable headings={Object.values(t.columns)} caption={t.caption} captionId="recusals-caption">
                  {data.recusals.map((row) => (
                    <tr key={`${row.applicationId} ${row.expertId}`}>
                      <td>
                        {row.title}
                        <span class="hint">（{row.applicant}）</span>
                      </td>
                      <td>{row.expertName}</td>
                      <td>{row.reasonLabel}</td>
                      <td>{row.matched}</td>
                    </tr>
                  ))}
                </DataTable>
              )
            }
          </WhenLoaded>
        ) : null}
      </div>
    </section>
  );
}
