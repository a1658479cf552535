/**
 * The shortlist decision (入围名单审定) on the ranking page: the ranking with a `列入入围名单`
 * checkbox per application, pre-checked with the proposed shortlist; the quota and the count
 * chosen, live; `调整理由` required when the choice differs from the proposed list; and
 * `批准入围名单` after a confirmation. The ids are sent only when the choice differs. Where the
 * round uses site visits, each row has its 实地考察 cell, and a `required` round warns while
 * reports are missing.
 */
import type { JSX } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { authorizedApi } from '../session.js';
import { Alert, Field, errorText, fieldErrors, useAction } from '../app/ui.js';
import { rankingText as t } from '#functions/web/staff-messages.js';
import { RankingTable, type RankingLine, type Scoring } from './ranking-table.js';
import { VisitsPendingWarning, type SiteVisits } from './site-visit-panel.js';

/** Whether `chosen` holds exactly the ids of `proposed`. */
function sameChoice(chosen: ReadonlySet<string>, proposed: readonly string[]): boolean {
  return chosen.size === proposed.length && proposed.every((id) => chosen.has(id));
}

/** The count chosen against the quota, announced as it changes. */
export function ChosenCount(props: { readonly count: number; readonly quota: number | undefined }): JSX.Element {
  return (
    <dl class="facts">
      <dt>{t.quota}</dt>
      <dd>{props.quota === undefined ? t.noQuota : props.quota}</dd>
      <dt>{t.chosen}</dt>
      <dd aria-live="polite" data-testid="chosen-count">
        {t.chosenCount(props.count, props.quota)}
      </dd>
    </dl>
  );
}

/** The editable shortlist of a round awaiting its approval; `onApproved` after the API accepted it. */
export function ShortlistDecision(props: {
  readonly roundId: string;
  readonly quota: number | undefined;
  readonly lines: readonly RankingLine[];
  readonly proposedShortlist: readonly string[];
  readonly scoring: Scoring;
  readonly visits: SiteVisits | undefined;
  readonly onApproved: () => void;
}): JSX.Element {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set(props.proposedShortlist));
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const noteBox = useRef<HTMLTextAreaElement>(null);
  const action = useAction();
  const adjusted = !sameChoice(chosen, props.proposedShortlist);
  // A refusal for missing site-visit reports is out of date once another report is in.
  const reports = [...(props.visits?.byApplication.values() ?? [])].filter((visit) => visit.report).length;
  useEffect(() => action.clear(), [reports]);
  const toggle = (applicationId: string, listed: boolean) => {
    const next = new Set(chosen);
    if (listed) next.add(applicationId);
    else next.delete(applicationId);
    setChosen(next);
    action.clear();
  };
  const approve = async (event: Event) => {
    event.preventDefault();
    if (adjusted && !note.trim()) {
      setNoteMissing(true);
      noteBox.current?.focus();
      return;
    }
    setNoteMissing(false);
    if (!window.confirm(t.confirm(chosen.size))) return;
    const applicationIds = props.lines.map((line) => line.applicationId).filter((id) => chosen.has(id));
    const body = { approve: true, ...(adjusted ? { applicationIds, note: note.trim() } : {}) };
    const done = await action.run(async () => {
      const result = await authorizedApi('POST', `/api/admin/rounds/${encodeURIComponent(props.roundId)}/shortlist`, body);
      return result.ok ? undefined : result.error;
    });
    if (done) props.onApproved();
  };
  const errors = fieldErrors(action.error);
  const noteError = noteMissing ? t.noteRequired : errors['note'];
  const otherError = action.error && !errors['note'] ? errorText(action.error) : undefined;
  return (
    <form onSubmit={(event) => void approve(event)} noValidate>
      <div class="card">
        <ChosenCount count={chosen.size} quota={props.quota} />
        {props.quota !== undefined && chosen.size > props.quota ? (
          <p class="notice warn" role="status">
            {t.overQuota(chosen.size, props.quota)}
          </p>
        ) : null}
      </div>
      <VisitsPendingWarning visits={props.visits} lines={props.lines} wanted={new Set([...props.proposedShortlist, ...chosen])} />
      <RankingTable lines={props.lines} scoring={props.scoring} proposed={new Set(props.proposedShortlist)} choice={{ chosen, toggle, disabled: action.running }} visits={props.visits} />
      <div class="card">
        {adjusted ? (
          <Field label={t.noteLabel} hint={t.noteHint} error={noteError} required>
            {(control) => <textarea {...control} ref={noteBox} required value={note} onInput={(event) => setNote(event.currentTarget.value)} />}
          </Field>
        ) : null}
        <Alert message={otherError} />
        <div class="actions">
          <button type="submit" class="primary" disabled={action.running}>
            {t.approve}
          </button>
        </div>
      </div>
    </form>
  );
}
