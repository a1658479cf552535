/**
 * The evaluation conclusions (评估结论) on the ranking page of an evaluation round: a row per
 * evaluated unit with its score, the select `评估结论` (继续认定, 给予激励, 限期整改, 撤销认定), the
 * `评估意见` and, for 限期整改, the `整改期限`; `提交评估结论` after a confirmation. Once decided,
 * the conclusions read-only.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import type { EvaluationDecision, Round } from '#shared/domain/round.js';
import { evaluationText as t } from '#functions/web/evaluation-messages.js';
import { beijingInputToIso } from '../app/beijing-input.js';
import { Alert, Field, errorText, fieldErrors, useAction, useApi, WhenLoaded } from '../app/ui.js';
import { authorizedApi } from '../session.js';
import type { RankingLine } from './ranking-table.js';

interface UnitLine {
  readonly id: string;
  readonly organization: string;
  readonly title: string;
}

interface Choice {
  readonly outcome: string;
  readonly note: string;
  readonly rectifyBy: string;
}

const blank: Choice = { outcome: 'continue', note: '', rectifyBy: '' };

function DecisionRow(props: { readonly unit: UnitLine; readonly score: number | null | undefined; readonly choice: Choice; readonly errors: Readonly<Record<string, string | undefined>>; readonly onChange: (choice: Choice) => void }): JSX.Element {
  const { unit, choice } = props;
  const set = (part: keyof Choice) => (event: { currentTarget: { value: string } }) => props.onChange({ ...choice, [part]: event.currentTarget.value });
  return (
    <fieldset class="card">
      <legend>
        {unit.organization}｜{unit.title}
      </legend>
      <p class="hint">
        {t.columns.score}：{props.score === undefined ? t.notApplied : (props.score ?? '—')}
      </p>
      <Field label={t.outcome} error={props.errors['outcome']} required>
        {(control) => (
          <select {...control} value={choice.outcome} onChange={set('outcome')}>
            {Object.entries(t.outcomes).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      <Field label={t.note} error={props.errors['note']}>
        {(control) => <textarea {...control} rows={2} value={choice.note} onInput={set('note')} />}
      </Field>
      {choice.outcome === 'rectify' ? (
        <Field label={t.rectifyBy} hint={t.beijingHint} error={props.errors['rectifyBy']} required>
          {(control) => <input {...control} type="datetime-local" value={choice.rectifyBy} onInput={set('rectifyBy')} />}
        </Field>
      ) : null}
    </fieldset>
  );
}

/** The conclusions of a decided evaluation round. */
export function EvaluationConclusions(props: { readonly decisions: readonly EvaluationDecision[] }): JSX.Element {
  return (
    <section class="card" aria-labelledby="conclusions-heading">
      <h2 id="conclusions-heading">{t.decidedHeading}</h2>
      <ol class="approved">
        {props.decisions.map((decision) => (
          <li key={decision.unitId}>
            {decision.organization}｜{decision.title}：{t.outcomes[decision.outcome]}
            {decision.note ? `（${decision.note}）` : ''}
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The conclusions form of an evaluation round awaiting them; `onDecided` once the API took them. */
export function EvaluationDecisionForm(props: { readonly round: Round; readonly lines: readonly RankingLine[]; readonly onDecided: () => void }): JSX.Element {
  const [units] = useApi<{ units: readonly UnitLine[] }>(`/api/admin/units?programId=${encodeURIComponent(props.round.programId)}`);
  const [choices, setChoices] = useState<Readonly<Record<string, Choice>>>({});
  const action = useAction();
  const evaluated = new Set(props.round.unitIds ?? []);
  return (
    <WhenLoaded loaded={units}>
      {(data) => {
        const listed = data.units.filter((unit) => evaluated.has(unit.id));
        const errors = fieldErrors(action.error);
        const onSubmit = (event: Event) => {
          event.preventDefault();
          const decisions = listed.map((unit) => {
            const choice = choices[unit.id] ?? blank;
            const rectifyBy = choice.outcome === 'rectify' ? beijingInputToIso(choice.rectifyBy) : undefined;
            return { unitId: unit.id, outcome: choice.outcome, note: choice.note.trim(), ...(rectifyBy ? { rectifyBy } : {}) };
          });
          if (!window.confirm(t.confirm(decisions.filter((item) => item.outcome === 'revoke').length))) return;
          void action
            .run(async () => {
              const result = await authorizedApi('POST', `/api/admin/rounds/${encodeURIComponent(props.round.id)}/evaluation-decisions`, { decisions });
              return result.ok ? undefined : result.error;
            })
            .then((ok) => ok && props.onDecided());
        };
        const scoreOf = (unitId: string) => {
          const line = props.lines.find((item) => item.unitId === unitId);
          return line ? line.score : undefined;
        };
        return (
          <form class="card" aria-labelledby="decisions-heading" onSubmit={onSubmit} noValidate>
            <h2 id="decisions-heading">{t.decisionsHeading}</h2>
            <p class="hint">{t.decisionsIntro}</p>
            <Alert message={action.error && errorText(action.error)} />
            {listed.map((unit, index) => (
              <DecisionRow
                key={unit.id}
                unit={unit}
                score={scoreOf(unit.id)}
                choice={choices[unit.id] ?? blank}
                errors={{
                  outcome: errors[`decisions.${index}.outcome`],
                  note: errors[`decisions.${index}.note`],
                  rectifyBy: errors[`decisions.${index}.rectifyBy`],
                }}
                onChange={(choice) => setChoices({ ...choices, [unit.id]: choice })}
              />
            ))}
            <div class="actions">
              <button type="submit" class="primary" disabled={action.running}>
                {action.running ? t.submitting : t.submit}
              </button>
            </div>
          </form>
        );
      }}
    </WhenLoaded>
  );
}
