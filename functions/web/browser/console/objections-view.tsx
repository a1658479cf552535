/**
 * The console view `objections` (`/console/rounds/{id}/objections`): the publicity window and
 * the count of open objections, then each objection in its own region named by its receipt
 * number, open ones first: target, objector, content, and for an open one `处理意见` with
 * `异议成立` / `异议不成立`; a resolved one shows its outcome, note, who and when.
 */
import type { JSX } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { objectionStatusLabels, type Objection } from '#shared/domain/objection.js';
import type { Round } from '#shared/domain/round.js';
import { objectionsText as t } from '#functions/web/staff-messages.js';
import type { ViewProps } from '../app/shell.js';
import { Alert, Field, StatusNote, WhenLoaded, beijingTime, errorText, fieldErrors, useAction, useApi } from '../app/ui.js';
import { authorizedApi } from '../session.js';
import { RoundHeader } from './round-header.js';

/** An objection as staff read it, with its target's names. */
type StaffObjection = Objection & { readonly applicant: string; readonly title: string };

const outcomeBadge: Readonly<Record<Objection['status'], string>> = { open: 'warn', upheld: 'bad', dismissed: 'ok' };

/** Open objections first, each group oldest first. */
function ordered(objections: readonly StaffObjection[]): StaffObjection[] {
  return [...objections].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open') || a.createdAt.localeCompare(b.createdAt));
}

function Decision(props: { readonly objection: StaffObjection; readonly onResolved: (receipt: string) => void }): JSX.Element {
  const [note, setNote] = useState('');
  const [noteMissing, setNoteMissing] = useState(false);
  const noteBox = useRef<HTMLTextAreaElement>(null);
  const action = useAction();
  const resolve = async (outcome: 'upheld' | 'dismissed') => {
    if (!note.trim()) {
      setNoteMissing(true);
      noteBox.current?.focus();
      return;
    }
    setNoteMissing(false);
    if (outcome === 'upheld' && !window.confirm(t.confirmUphold)) return;
    const done = await action.run(async () => {
      const result = await authorizedApi('POST', `/api/admin/objections/${encodeURIComponent(props.objection.id)}/resolve`, { outcome, note: note.trim() });
      return result.ok ? undefined : result.error;
    });
    if (done) props.onResolved(props.objection.receiptNumber);
  };
  const errors = fieldErrors(action.error);
  return (
    <>
      <Field label={t.noteLabel} error={noteMissing ? t.noteRequired : errors['note']} required>
        {(control) => <textarea {...control} ref={noteBox} required value={note} onInput={(event) => setNote(event.currentTarget.value)} />}
      </Field>
      <Alert message={action.error && !errors['note'] ? errorText(action.error) : undefined} />
      <div class="actions">
        <button type="button" disabled={action.running} onClick={() => void resolve('upheld')}>
          {t.uphold}
        </button>
        <button type="button" class="primary" disabled={action.running} onClick={() => void resolve('dismissed')}>
          {t.dismiss}
        </button>
      </div>
    </>
  );
}

function ObjectionCard(props: { readonly objection: StaffObjection; readonly onResolved: (receipt: string) => void }): JSX.Element {
  const { objection } = props;
  const open = objection.status === 'open';
  return (
    <section class={`card objection ${open ? 'open' : ''}`} aria-label={objection.receiptNumber}>
      <h2>
        {t.receipt}：{objection.receiptNumber} <span class={`badge ${outcomeBadge[objection.status]}`}>{objectionStatusLabels[objection.status]}</span>
      </h2>
      <dl class="facts">
        <dt>{t.target}</dt>
        <dd>
          {objection.applicant}｜{objection.title}
        </dd>
        <dt>{t.objector}</dt>
        <dd>{objection.organization ? `${objection.name}（${objection.organization}）` : objection.name}</dd>
        <dt>{t.phone}</dt>
        <dd>{objection.phone}</dd>
        <dt>{t.receivedAt}</dt>
        <dd>{beijingTime(objection.createdAt)}</dd>
      </dl>
      <h3>{t.content}</h3>
      <blockquote>{objection.content}</blockquote>
      {open ? (
        <Decision objection={objection} onResolved={props.onResolved} />
      ) : objection.resolution ? (
        <dl class="facts">
          <dt>{t.status}</dt>
          <dd>{objectionStatusLabels[objection.resolution.outcome]}</dd>
          <dt>{t.resolvedNote}</dt>
          <dd>{objection.resolution.note}</dd>
          <dt>{t.resolvedBy}</dt>
          <dd>{objection.resolution.by}</dd>
          <dt>{t.resolvedAt}</dt>
          <dd>{beijingTime(objection.resolution.at)}</dd>
        </dl>
      ) : null}
    </section>
  );
}

function Summary(props: { readonly round: Round; readonly openCount: number }): JSX.Element {
  const publicity = props.round.publicity;
  return (
    <div class="card">
      <dl class="facts">
        <dt>{t.publicity}</dt>
        <dd>{publicity ? `${beijingTime(publicity.startsAt)} — ${beijingTime(publicity.endsAt)}` : t.publicityNone}</dd>
        <dt>{t.openCount}</dt>
        <dd data-testid="open-objections">{props.openCount}</dd>
      </dl>
      <p class="hint">{t.holdNote}</p>
      <p class="hint">{t.upheldHint}</p>
    </div>
  );
}

/** The `objections` page of the console. */
export function View(props: ViewProps): JSX.Element {
  const roundPath = `/api/admin/rounds/${encodeURIComponent(props.params['id'] ?? '')}`;
  const [round, reloadRound] = useApi<{ round: Round }>(roundPath);
  const [objections, reloadObjections] = useApi<{ objections: StaffObjection[] }>(`${roundPath}/objections`);
  const [saved, setSaved] = useState<string | undefined>(undefined);
  const onResolved = (receipt: string) => {
    setSaved(t.saved(receipt));
    reloadObjections();
    reloadRound();
  };
  return (
    <WhenLoaded loaded={round}>
      {({ round: current }) => (
        <>
          <RoundHeader round={current} heading={t.heading} current="objections" />
          <StatusNote message={saved} />
          <WhenLoaded loaded={objections}>
            {({ objections: list }) => (
              <>
                <Summary round={current} openCount={list.filter((item) => item.status === 'open').length} />
                {list.length === 0 ? <p class="notice">{t.none}</p> : null}
                {ordered(list).map((objection) => (
                  <ObjectionCard key={`${objection.id}-${objection.version}`} objection={objection} onResolved={onResolved} />
                ))}
              </>
            )}
          </WhenLoaded>
        </>
      )}
    </WhenLoaded>
  );
}
