/** What a portal page shows for a record the clerk cannot open (absent, closed, or another organisation's): why, and the way back home. */
import type { JSX } from 'preact';
import { portalApplicationText as t } from '#functions/web/institution-messages.js';

/** The refusal `message` (announced), under the heading `title` when given, and a link back to `/portal`. */
export function Missing(props: { readonly title?: string; readonly message: string }): JSX.Element {
  return (
    <>
      {props.title ? <h1>{props.title}</h1> : null}
      <div class="notice error" role="alert">
        {props.message}
      </div>
      <p>
        <a href="/portal">{t.back}</a>
      </p>
    </>
  );
}
