/** The console view `ranking` (being built: see the page catalogue). */
import type { JSX } from 'preact';
import type { ViewProps } from '../app/shell.js';

/** The `ranking` page of the console. */
export function View(_props: ViewProps): JSX.Element {
  return <h1>{document.title}</h1>;
}
