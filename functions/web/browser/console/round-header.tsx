/**
 * The head of a round's console page: the round's title with the page's heading under it, the
 * round tabs with this page marked, and the round's status.
 */
import type { JSX } from 'preact';
import { roundStatusLabels, type Round } from '#shared/domain/round.js';
import { roundHeaderText as t } from '#functions/web/staff-messages.js';
import { RoundTabs } from './round-tabs.js';

/**
 * The head of the page `current` of `round`, headed `heading`; the status is in
 * `data-testid="round-status"`, in the program's words where the API gives them (`statusLabel`, e.g. 待领导小组审定).
 */
export function RoundHeader(props: { readonly round: Pick<Round, 'id' | 'title' | 'status'> & { readonly statusLabel?: string }; readonly heading: string; readonly current: Parameters<typeof RoundTabs>[0]['current'] }): JSX.Element {
  return (
    <>
      <h1>
        {props.round.title}
        <span class="sub">{props.heading}</span>
      </h1>
      <RoundTabs roundId={props.round.id} current={props.current} />
      <p>
        {t.status}：
        <span class="badge" data-testid="round-status">
          {props.round.statusLabel ?? roundStatusLabels[props.round.status]}
        </span>
      </p>
    </>
  );
}
