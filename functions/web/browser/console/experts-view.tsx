/**
 * The expert pool (`/console/experts`): the experts with organisation, region, expertise,
 * capacity and conflicts, a search box, the 添加专家 form and the 导入专家 import.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { Expert } from '../../../../shared/domain/expert.js';
import { expertsText as t } from '../../staff-messages.js';
import type { ViewProps } from '../app/shell.js';
import { Field, StatusNote, useApi, WhenLoaded } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { ExpertForm } from './expert-form.js';
import { ExpertImport } from './expert-import.js';

/** Whether every whitespace-separated term of `query` occurs in the name, organisation, region or a tag. */
function matches(expert: Expert, query: string): boolean {
  const fields = [expert.name, expert.organization, expert.region ?? '', ...expert.expertise].map((field) => field.toLowerCase());
  return query
    .toLowerCase()
    .split(/\s+/)
    .filter(Boolean)
    .every((term) => fields.some((field) => field.includes(term)));
}

function Chips(props: { readonly items: readonly string[] }): JSX.Element {
  if (props.items.length === 0) return <span class="hint">{t.none}</span>;
  return (
    <ul class="chips">
      {props.items.map((item) => (
        <li key={item}>
          <span class="badge">{item}</span>
        </li>
      ))}
    </ul>
  );
}

function ExpertTable(props: { readonly experts: readonly Expert[]; readonly query: string }): JSX.Element {
  const shown = props.experts.filter((expert) => matches(expert, props.query));
  if (props.experts.length === 0) return <p class="card">{t.empty}</p>;
  return (
    <>
      <p role="status" class="hint">
        {props.query.trim() ? fill(t.matching, { count: shown.length }) : fill(t.count, { count: props.experts.length })}
      </p>
      {shown.length === 0 ? (
        <p class="card">{t.noMatch}</p>
      ) : (
        <div class="scroll">
          <table>
            <thead>
              <tr>
                {Object.values(t.columns).map((label) => (
                  <th key={label} scope="col">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
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
                    <Chips items={expert.expertise} />
                  </td>
                  <td>{expert.capacity}</td>
                  <td>
                    <Chips items={expert.conflicts} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** The `experts` page of the console. */
export function View(_props: ViewProps): JSX.Element {
  const [experts, reload] = useApi<{ experts: readonly Expert[] }>('/api/admin/experts');
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | undefined>(undefined);
  return (
    <>
      <div class="toolbar heading">
        <h1>{t.heading}</h1>
        {adding ? null : (
          <button
            type="button"
            class="primary"
            onClick={() => {
              setAdded(undefined);
              setAdding(true);
            }}
          >
            {t.add}
          </button>
        )}
      </div>
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
        <WhenLoaded loaded={experts}>{(data) => <ExpertTable experts={data.experts} query={query} />}</WhenLoaded>
      </section>
    </>
  );
}
