/** A link to a file that needs the session (console and portal downloads: notice, certificates, export). */
import type { JSX } from 'preact';
import { downloadFile } from '../session.js';
import { Alert, errorText, useAction } from './ui.js';

/** The link: a click fetches `path` with the Bearer header and saves it as `fileName`; a refusal is shown under it. */
export function DownloadLink(props: { readonly path: string; readonly label: string; readonly fileName: string }): JSX.Element {
  const action = useAction();
  return (
    <>
      <a
        class="button"
        href={props.path}
        aria-disabled={action.running ? 'true' : undefined}
        onClick={(event) => {
          event.preventDefault();
          if (!action.running) void action.run(() => downloadFile(props.path, props.fileName));
        }}
      >
        {props.label}
      </a>
      <Alert message={action.error ? errorText(action.error) : undefined} />
    </>
  );
}
