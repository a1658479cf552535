/** The `开始申报` button of an open round: opens the organisation's application there, created if it has none. */
import type { JSX } from 'preact';
import { portalHomeText as t } from '#functions/web/institution-messages.js';
import { Alert, useAction } from '../app/ui.js';
import { startApplication } from './portal-api.js';

/** `开始申报` for `roundId`; `describedBy` names the element saying which round it is. */
export function StartButton(props: { readonly roundId: string; readonly describedBy?: string }): JSX.Element {
  const action = useAction();
  return (
    <>
      <button type="button" class="primary" disabled={action.running} aria-describedby={props.describedBy} onClick={() => void action.run(() => startApplication(props.roundId))}>
        {action.running ? t.starting : t.start}
      </button>
      <Alert message={action.error?.message} />
      {action.error?.code === 'PROFILE_INCOMPLETE' ? <a href="/portal/profile">{t.completeProfile}</a> : null}
    </>
  );
}
