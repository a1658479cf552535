/**
 * The audit trail (`/console/audit`): the events of one record (对象编号) or of a whole round
 * (按批次, chosen by its title), with the time in Beijing, who acted, what they did (a Chinese
 * label of the verb) and on what. The page URL takes `?entityId=` or `?roundId=`, so other
 * pages can link straight to a trail.
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { auditActionText, auditEntityText, auditText as t } from '#functions/web/staff-messages.js';
import type { ViewProps } from '../app/shell.js';
import { DataTable } from '../app/data-table.js';
import { Alert, beijingTime, errorText, Field, useAction, useApi, useRefusalFocus } from '../app/ui.js';
import { fill } from '../page-runtime.js';
import { authorizedApi } from '../session.js';

/** An audit event as `GET /api/admin/audit` gives it (names where the API knows them). */
interface AuditEntry {
  readonly at: string;
  readonly actor: string;
  readonly actorName?: string;
  readonly action: string;
  readonly entityType?: string;
  readonly entityId: string;
  readonly entityLabel?: string;
}

interface AuditPage {
  readonly events: readonly AuditEntry[];
  readonly nextToken?: string;
}

type Scope = 'entityId' | 'roundId';

/** Who acted: the recorded name, else what kind of actor they are. */
function actorText(event: AuditEntry): string {
  if (event.actorName) return event.actorName;
  const kind = event.actor.slice(0, event.actor.indexOf(':'));
  return (t.actors as Readonly<Record<string, string>>)[kind] ?? event.actor;
}

/** The query of the page URL, if it names a trail. */
function initialQuery(): { scope: Scope; id: string } {
  const query = new URLSearchParams(location.search);
  const roundId = query.get('roundId');
  if (roundId) return { scope: 'roundId', id: roundId };
  return { scope: 'entityId', id: query.get('entityId') ?? '' };
}

function Trail(props: { readonly events: readonly AuditEntry[] }): JSX.Element {
  if (props.events.length === 0) return <p class="card">{t.empty}</p>;
  return (
    <DataTable headings={Object.values(t.columns)} caption={fill(t.count, { count: props.events.length })}>
      {props.events.map((event, index) => (
        <tr key={`${event.at}-${index}`}>
          <td>{beijingTime(event.at)}</td>
          <td>{actorText(event)}</td>
          <td>{auditActionText(event.action)}</td>
          <td>{auditEntityText(event)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The `audit` page of the console. */
export function View(_props: ViewProps): JSX.Element {
  const initial = initialQuery();
  const [scope, setScope] = useState<Scope>(initial.scope);
  const [entityId, setEntityId] = useState(initial.scope === 'entityId' ? initial.id : '');
  const [roundId, setRoundId] = useState(initial.scope === 'roundId' ? initial.id : '');
  const [rounds] = useApi<{ rounds: readonly { id: string; title: string; year: number }[] }>('/api/admin/rounds');
  const [trail, setTrail] = useState<AuditPage | undefined>(undefined);
  const [missing, setMissing] = useState(false);
  const action = useAction();
  const focus = useRefusalFocus<HTMLFormElement>();

  const load = (next: Scope, id: string, nextToken?: string) =>
    action.run(async () => {
      const query = new URLSearchParams({ [next]: id, ...(nextToken ? { nextToken } : {}) });
      const result = await authorizedApi<AuditPage>('GET', `/api/admin/audit?${query.toString()}`);
      if (!result.ok) return result.error;
      setTrail((before) => (nextToken && before ? { events: [...before.events, ...result.data.events], ...(result.data.nextToken ? { nextToken: result.data.nextToken } : {}) } : result.data));
      history.replaceState(null, '', `${location.pathname}?${new URLSearchParams({ [next]: id }).toString()}`);
      return undefined;
    });

  useEffect(() => {
    if (initial.id) void load(initial.scope, initial.id);
  }, []);

  const chosen = scope === 'entityId' ? entityId.trim() : roundId;
  const onSubmit = (event: Event) => {
    event.preventDefault();
    setMissing(!chosen);
    setTrail(undefined);
    if (chosen) void load(scope, chosen);
    else focus.refused();
  };
  const roundList = rounds.state === 'ok' ? rounds.data.rounds : [];
  return (
    <>
      <h1>{t.heading}</h1>
      <p class="hint intro">{t.intro}</p>
      <form ref={focus.ref} class="card" onSubmit={onSubmit} noValidate>
        <fieldset class="inline">
          <legend>{t.scope}</legend>
          {(['entityId', 'roundId'] as const).map((value) => (
            <label key={value} class="choice">
              <input type="radio" name="scope" value={value} checked={scope === value} onChange={() => setScope(value)} />
              {value === 'entityId' ? t.byEntity : t.byRound}
            </label>
          ))}
        </fieldset>
        <div class="toolbar">
          {scope === 'entityId' ? (
            <Field label={t.entityId} hint={t.entityIdHint} error={missing ? t.required : undefined}>
              {(control) => <input {...control} type="text" value={entityId} onInput={(event) => setEntityId(event.currentTarget.value)} />}
            </Field>
          ) : (
            <Field label={t.round} error={missing ? t.required : undefined}>
              {(control) => (
                <select {...control} value={roundId} onChange={(event) => setRoundId(event.currentTarget.value)}>
                  <option value="">{t.roundPlaceholder}</option>
                  {roundList.map((round) => (
                    <option key={round.id} value={round.id}>
                      {round.title}
                    </option>
                  ))}
                </select>
              )}
            </Field>
          )}
          <button type="submit" class="primary" disabled={action.running}>
            {t.query}
          </button>
        </div>
      </form>
      <Alert message={action.error ? errorText(action.error) : undefined} />
      {trail ? <Trail events={trail.events} /> : null}
      {trail?.nextToken ? (
        <div class="actions">
          <button type="button" disabled={action.running} onClick={() => void load(scope, chosen, trail.nextToken)}>
            {t.more}
          </button>
        </div>
      ) : null}
    </>
  );
}
