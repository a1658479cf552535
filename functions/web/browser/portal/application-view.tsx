/** The portal view `application` (being built: see the page catalogue). */
import type { JSX } from 'preact';
import type { ViewProps } from '../app/shell.js';

/** The `application` page of the portal. */
export function View(_props: ViewProps): JSX.Element {
  return <h1>{document.title}</h1>;
}
