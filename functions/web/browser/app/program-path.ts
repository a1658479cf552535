/** Where the pages read a program's published template. */

/**
 * The address of a program's template: the version a round was created with, so that a round's
 * pages keep its form, materials and indicators when staff publish a new version (absent: the latest).
 *
 * @example
 * programPath('gx-city-consortium', round.programVersion); // '/api/programs/gx-city-consortium?version=1'
 */
export function programPath(programId: string, version?: number): string {
  const path = `/api/programs/${encodeURIComponent(programId)}`;
  return version === undefined ? path : `${path}?version=${version}`;
}
