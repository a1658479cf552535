/** Where the pages read a program's published template. */

/**
 * The address of a program's template as a round runs it: the version the round was created with,
 * so that its pages keep its form, materials and indicators when staff publish a new version
 * (absent: the latest), and for a cycle evaluation the evaluation's own (`view=evaluation`).
 *
 * @example
 * programPath('gx-city-consortium', round.programVersion); // '/api/programs/gx-city-consortium?version=1'
 */
export function programPath(programId: string, version?: number, kind?: 'recognition' | 'evaluation'): string {
  const query = new URLSearchParams({ ...(version === undefined ? {} : { version: String(version) }), ...(kind === 'evaluation' ? { view: 'evaluation' } : {}) }).toString();
  return `/api/programs/${encodeURIComponent(programId)}${query ? `?${query}` : ''}`;
}
