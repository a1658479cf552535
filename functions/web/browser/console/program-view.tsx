/**
 * One program (`/console/programs/{id}`): its latest version — issuer, policy, applicant kinds,
 * steps, materials, indicators and the template's notes — and 发布新版本, the editor filled
 * with the current template as JSON.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { IndicatorNode, ProgramTemplate } from '#shared/programs/schema.js';
import { programsText as t } from '#functions/web/program-messages.js';
import type { ViewProps } from '../app/shell.js';
import { DataTable } from '../app/data-table.js';
import { StatusNote, useApi, WhenLoaded } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { ProgramEditor, type ProgramSummary } from './program-editor.js';
import { sourceText } from './programs-view.js';

interface ProgramAnswer {
  readonly program: ProgramSummary;
  readonly template: ProgramTemplate;
}

function Indicators(props: { readonly nodes: readonly IndicatorNode[] }): JSX.Element {
  return (
    <ul>
      {props.nodes.map((node) => (
        <li key={node.code}>
          {node.code} {node.title}
          {node.children ? <Indicators nodes={node.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

function Details(props: { readonly answer: ProgramAnswer }): JSX.Element {
  const { program, template } = props.answer;
  return (
    <>
      <p class="hint">
        {fill(t.version, { version: program.version })}（{sourceText(program)}）
      </p>
      <section class="card" aria-label={template.name}>
        <dl>
          <dt>{t.facts.issuer}</dt>
          <dd>{template.issuer}</dd>
          <dt>{t.facts.policyRef}</dt>
          <dd>{template.policyRef}</dd>
          <dt>{t.facts.applicantKinds}</dt>
          <dd>{template.applicantKinds.map((kind) => kind.label).join('、')}</dd>
          <dt>{t.facts.steps}</dt>
          <dd>{template.steps.map((step) => step.title).join(' → ')}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="program-materials">
        <h2 id="program-materials">{t.materialsHeading}</h2>
        <DataTable headings={Object.values(t.materialColumns)}>
          {template.materials.map((material) => (
            <tr key={material.key}>
              <td>{material.title}</td>
              <td>{material.required ? t.required : t.optional}</td>
              <td>{material.formats.join('、')}</td>
            </tr>
          ))}
        </DataTable>
      </section>
      <section class="card" aria-labelledby="program-indicators">
        <h2 id="program-indicators">{t.indicatorsHeading}</h2>
        <Indicators nodes={template.indicators} />
      </section>
      <section class="card" aria-labelledby="program-notes">
        <h2 id="program-notes">{t.notesHeading}</h2>
        <ul>
          {template.notes.map((note, index) => (
            <li key={index}>{note}</li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** The `program` page of the console. */
export function View(props: ViewProps): JSX.Element {
  const id = props.params['id'] ?? '';
  const [answer, reload] = useApi<ProgramAnswer>(`/api/admin/programs/${encodeURIComponent(id)}`);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<ProgramSummary | undefined>(undefined);
  const loaded = answer.state === 'ok' ? answer.data : undefined;
  return (
    <>
      <p>
        <a href="/console/programs">{t.back}</a>
      </p>
      <div class="toolbar heading">
        <h1>{loaded ? loaded.template.name : t.heading}</h1>
        {loaded && !editing ? (
          <button
            type="button"
            class="primary"
            onClick={() => {
              setSaved(undefined);
              setEditing(true);
            }}
          >
            {t.revise}
          </button>
        ) : null}
      </div>
      <StatusNote message={saved ? fill(t.revised, { name: saved.name, version: saved.version }) : undefined} />
      {loaded && editing ? (
        <ProgramEditor
          heading={t.reviseHeading}
          programId={id}
          initial={JSON.stringify(loaded.template, null, 2)}
          onSaved={(program) => {
            setSaved(program);
            setEditing(false);
            reload();
          }}
          onCancel={() => setEditing(false)}
        />
      ) : null}
      <WhenLoaded loaded={answer}>{(data) => <Details answer={data} />}</WhenLoaded>
    </>
  );
}
