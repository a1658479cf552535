/**
 * The expert pool (`/console/experts`): the experts with organisation, region, expertise,
 * capacity and conflicts, a search box (the API's `?q=`), the 添加专家 form and the 导入专家 import.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Expert } from '#shared/domain/expert.js';
import { expertsText as t } from '#functions/web/staff-messages.js';
import type { ViewProps } from '../app/shell.js';
import { Badges, DataTable } from '../app/data-table.js';
import { Field, StatusNote, useApi, WhenLoaded } from '../app/ui.js';
import { PageHeading } from '../app/page-heading.js';
import { fill } from '../page-runtime.js';
import { ExpertForm } from './expert-form.js';
import { ExpertImport } from './expert-import.js';

/** `value` once it stopped changing for `delayMs` (so typing a search asks the API once). */
function useDebounced(value: string, delayMs: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), delayMs);
    return () => clearTimeout(timer);
  }, [value, delayMs]);
  return settled;
}

function ExpertTable(props: { readonly experts: readonly Expert[]; readonly query: string }): JSX.Element {
  const shown = props.experts;
  if (shown.length === 0 && !props.query) return <p class="card">{t.empty}</p>;
  return (
    <>
      <p role="status" class="hint">
        {fill(props.query ? t.matching : t.count, { count: shown.length })}
      </p>
      {shown.length === 0 ? (
        <p class="card">{t.noMatch}</p>
      ) : (
        <DataTable headings={Object.values(t.columns)}>
          {shown.map((expert) => (
            <tr key={expert.id}>
              <td>
                {expert.name}
                <br />
                <span class="hint">{expert.email}</span>
              </td>
              <td>{expert.organization}</td>
              <td>{expert.region ?? ''}</td>
              <td>
                <Badges items={expert.expertise} empty={t.none} />
              </td>
              <td>{expert.capacity}</td>
              <td>
                <Badges items={expert.conflicts} empty={t.none} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
    </>
  );
}

/** The `experts` page of the console. */
export function View(_props: ViewProps): JSX.Element {
  const [query, setQuery] = useState('');
  const searched = useDebounced(query.trim(), 250);
  const [experts, reload] = useApi<{ experts: readonly Expert[] }>(`/api/admin/experts${searched ? `?${new URLSearchParams({ q: searched }).toString()}` : ''}`);
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | undefined>(undefined);
  return (
    <>
      <PageHeading
        title={t.heading}
        open={adding}
        opener={t.add}
        onOpen={() => {
          setAdded(undefined);
          setAdding(true);
        }}
      />
      <p class="hint intro">{t.intro}</p>
      <StatusNote message={added ? fill(t.added, { name: added }) : undefined} />
      {adding ? (
        <ExpertForm
          onAdded={(name) => {
            setAdded(name);
            setAdding(false);
            reload();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      <ExpertImport onImported={reload} />
      <section class="card" aria-labelledby="pool-heading">
        <h2 id="pool-heading">{t.listHeading}</h2>
        <div class="toolbar">
          <Field label={t.search} hint={t.searchHint}>
            {(control) => <input {...control} type="search" value={query} onInput={(event) => setQuery(event.currentTarget.value)} />}
          </Field>
        </div>
        <WhenLoaded loaded={experts}>{(data) => <ExpertTable experts={data.experts} query={searched} />}</WhenLoaded>
      </section>
    </>
  );
}
