/**
 * Building blocks of the console's tables and forms: a table with a header row that scrolls
 * sideways on a narrow screen, a list of badges, and a form's submit and cancel buttons.
 */
import type { ComponentChildren, JSX } from 'preact';

/**
 * A table with column `headings`, an optional caption (its id names the table) and body rows.
 * On a phone a table of five or more columns keeps readable columns and scrolls sideways.
 */
export function DataTable(props: { readonly headings: readonly string[]; readonly caption?: ComponentChildren; readonly captionId?: string; readonly children: ComponentChildren }): JSX.Element {
  return (
    <div class="scroll">
      <table class={props.headings.length >= 5 ? 'data many' : 'data'}>
        {props.caption ? <caption {...(props.captionId ? { id: props.captionId } : {})}>{props.caption}</caption> : null}
        <thead>
          <tr>
            {props.headings.map((label) => (
              <th key={label} scope="col">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** Texts as badges in a row (tags, counts); `empty` when there are none. */
export function Badges(props: { readonly items: readonly string[]; readonly empty: string }): JSX.Element {
  if (props.items.length === 0) return <span class="hint">{props.empty}</span>;
  return (
    <ul class="chips">
      {props.items.map((item) => (
        <li key={item}>
          <span class="badge">{item}</span>
        </li>
      ))}
    </ul>
  );
}

/** A form's submit button (disabled while its action runs) and its cancel button. */
export function FormButtons(props: { readonly submit: string; readonly cancel: string; readonly running: boolean; readonly onCancel: () => void }): JSX.Element {
  return (
    <div class="actions">
      <button type="submit" class="primary" disabled={props.running}>
        {props.submit}
      </button>
      <button type="button" onClick={props.onCancel}>
        {props.cancel}
      </button>
    </div>
  );
}
