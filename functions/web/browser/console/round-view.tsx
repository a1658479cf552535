/** The console view `round` (being built: see the page catalogue). */
import type { JSX } from 'preact';
import type { ViewProps } from '../app/shell.js';

/** The `round` page of the console. */
export function View(_props: ViewProps): JSX.Element {
  return <h1>{document.title}</h1>;
}
