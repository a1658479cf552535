/**
 * The Chinese text of the institution portal (`/portal…`): headings, labels, statuses and
 * messages of the portal views. Bundled into `portal.js`; code stays English.
 */

/** Text of the portal frame and navigation. */
export const institutionFrameText = {
  audience: '申报单位',
  nav: { home: '申报首页' },
} as const;
