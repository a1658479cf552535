/** A page's heading row: its title and, while its form is closed, the button that opens it. */
import type { JSX } from 'preact';

/**
 * The heading with its opening button (e.g. 添加专家), left out while `open` (the form shows).
 *
 * @example
 * <PageHeading title="专家库" open={adding} opener={t.add} onOpen={() => setAdding(true)} />
 */
export function PageHeading(props: { readonly title: string; readonly open: boolean; readonly opener: string; readonly onOpen: () => void }): JSX.Element {
  return (
    <div class="toolbar heading">
      <h1>{props.title}</h1>
      {props.open ? null : (
        <button type="button" class="primary" onClick={props.onOpen}>
          {props.opener}
        </button>
      )}
    </div>
  );
}
