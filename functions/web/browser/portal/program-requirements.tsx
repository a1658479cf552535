/**
 * What a program asks of an applicant, as `GET /api/programs/{id}` publishes it: the
 * conditions (申报条件), the materials with their formats and size limits, the indicators
 * experts score (tree with codes, titles and points) and the fields of the form.
 */
import type { JSX } from 'preact';
import { formatByteSize } from '#shared/domain/byte-size.js';
import { portalRoundText as t } from '#functions/web/institution-messages.js';
import { fill } from '../page-runtime.js';
import { formatsText } from './evidence-files.js';
import type { PublishedIndicator, PublishedProgram } from './portal-api.js';

function Indicators(props: { readonly nodes: readonly PublishedIndicator[] }): JSX.Element {
  return (
    <ul class="tree">
      {props.nodes.map((node) => (
        <li key={node.code}>
          <span class="code">{node.code}</span> {node.title} <span class="badge">{fill(t.points, { points: node.maxScore })}</span>
          {node.children ? <Indicators nodes={node.children} /> : null}
        </li>
      ))}
    </ul>
  );
}

/** The requirements of `program`, headed at level `level` (2 on a page of its own, 3 inside a section). */
export function ProgramRequirements(props: { readonly program: PublishedProgram; readonly level: 2 | 3 }): JSX.Element {
  const { program } = props;
  const Heading = props.level === 2 ? 'h2' : 'h3';
  return (
    <>
      <section class="card" aria-labelledby="req-eligibility">
        <Heading id="req-eligibility">{t.eligibility}</Heading>
        {program.eligibility.length === 0 ? <p>{t.noEligibility}</p> : null}
        <ol>
          {program.eligibility.map((rule) => (
            <li key={rule.code}>
              {rule.text} <span class="badge">{t.ruleKinds[rule.kind]}</span>
            </li>
          ))}
        </ol>
      </section>
      <section class="card" aria-labelledby="req-materials">
        <Heading id="req-materials">{t.materials}</Heading>
        <div class="scroll">
          <table>
            <thead>
              <tr>
                <th scope="col">{t.materialColumns.title}</th>
                <th scope="col">{t.materialColumns.required}</th>
                <th scope="col">{t.materialColumns.formats}</th>
                <th scope="col">{t.materialColumns.maxSize}</th>
                <th scope="col">{t.materialColumns.note}</th>
              </tr>
            </thead>
            <tbody>
              {program.materials.map((material) => (
                <tr key={material.key}>
                  <td>{material.title}</td>
                  <td>{material.required ? t.requiredYes : t.requiredNo}</td>
                  <td>{formatsText(material.formats)}</td>
                  <td>{formatByteSize(material.maxBytes)}</td>
                  <td>{[material.multiple ? t.multiple : '', material.description ?? ''].filter(Boolean).join('；')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section class="card" aria-labelledby="req-indicators">
        <Heading id="req-indicators">{t.indicators}</Heading>
        <p class="hint">{t.indicatorsIntro}</p>
        <Indicators nodes={program.indicators} />
      </section>
      <section class="card" aria-labelledby="req-fields">
        <Heading id="req-fields">{t.formFields}</Heading>
        <ul class="inline-list">
          {program.form.map((field) => (
            <li key={field.key}>
              {field.label}
              {field.required ? <span class="required" aria-hidden="true"> *</span> : null}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
