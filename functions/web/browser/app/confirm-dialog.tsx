/**
 * A modal confirmation (`<dialog>` shown with `showModal`, so focus stays inside and Esc
 * cancels) before an action that cannot be undone, e.g. closing intake.
 */
import type { JSX } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { FormButtons } from './data-table.js';

/** Asks `message`; `onConfirm` or `onCancel` closes it (the caller stops rendering it). */
export function ConfirmDialog(props: {
  readonly title: string;
  readonly message: string;
  readonly confirmLabel: string;
  readonly cancelLabel: string;
  readonly onConfirm: () => void;
  readonly onCancel: () => void;
}): JSX.Element {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  useEffect(() => {
    const node = dialog.current;
    if (node && !node.open) node.showModal();
    return () => node?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      class="confirm"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-message`}
      onCancel={(event) => {
        event.preventDefault();
        props.onCancel();
      }}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          props.onConfirm();
        }}
      >
        <h2 id={`${id}-title`}>{props.title}</h2>
        <p id={`${id}-message`}>{props.message}</p>
        <FormButtons submit={props.confirmLabel} cancel={props.cancelLabel} running={false} onCancel={props.onCancel} />
      </form>
    </dialog>
  );
}
