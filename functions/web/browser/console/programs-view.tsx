/**
 * The programs (`/console/programs`): the programs this deployment offers with their version
 * and whether they are built in or defined by staff, each linked to its page, and 新增认定项目
 * (a template pasted or read from a file, see `program-editor.tsx`).
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { programsText as t } from '#functions/web/program-messages.js';
import type { ViewProps } from '../app/shell.js';
import { DataTable } from '../app/data-table.js';
import { beijingTime, StatusNote, useApi, WhenLoaded } from '../app/ui.js';
import { PageHeading } from '../app/page-heading.js';
import { fill } from '../page-runtime.js';
import { ProgramEditor, type ProgramSummary } from './program-editor.js';

/** Where a program's latest version comes from. */
export function sourceText(program: Pick<ProgramSummary, 'builtIn' | 'version'>): string {
  if (!program.builtIn) return t.staffDefined;
  return program.version > 1 ? t.builtInRevised : t.builtIn;
}

function ProgramTable(props: { readonly programs: readonly ProgramSummary[] }): JSX.Element {
  if (props.programs.length === 0) return <p class="card">{t.empty}</p>;
  return (
    <DataTable headings={Object.values(t.columns)}>
      {props.programs.map((program) => (
        <tr key={program.id}>
          <td>
            <a href={`/console/programs/${encodeURIComponent(program.id)}`}>{program.name}</a>
          </td>
          <td>{program.id}</td>
          <td>{program.province ?? t.national}</td>
          <td>{program.version}</td>
          <td>{sourceText(program)}</td>
          <td>{program.updatedAt ? beijingTime(program.updatedAt) : t.never}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The `programs` page of the console. */
export function View(_props: ViewProps): JSX.Element {
  const [programs, reload] = useApi<{ programs: readonly ProgramSummary[] }>('/api/admin/programs');
  const [adding, setAdding] = useState(false);
  const [saved, setSaved] = useState<ProgramSummary | undefined>(undefined);
  return (
    <>
      <PageHeading
        title={t.heading}
        open={adding}
        opener={t.add}
        onOpen={() => {
          setSaved(undefined);
          setAdding(true);
        }}
      />
      <p class="hint intro">{t.intro}</p>
      <StatusNote message={saved ? fill(t.created, { name: saved.name, version: saved.version }) : undefined} />
      {adding ? (
        <ProgramEditor
          heading={t.addHeading}
          onSaved={(program) => {
            setSaved(program);
            setAdding(false);
            reload();
          }}
          onCancel={() => setAdding(false)}
        />
      ) : null}
      <section class="card" aria-labelledby="programs-heading">
        <h2 id="programs-heading">{t.listHeading}</h2>
        <WhenLoaded loaded={programs}>{(data) => <ProgramTable programs={data.programs} />}</WhenLoaded>
      </section>
    </>
  );
}
