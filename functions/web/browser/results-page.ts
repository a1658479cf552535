/**
 * Script of the public results page (`/results/{roundId}`): loads the published results and
 * shows the notice number, the issuer, the date and the recognised units (a later revocation
 * marked), the revoked units when there are any; the notice download link is shown with them.
 */
import { api, beijingDate, byId, el, fill, notify, pageData, showApplications } from './page-runtime.js';

interface ResultsPageData {
  readonly roundId: string;
  readonly messages: { loading: string; network: string; unexpected: string; notPublished: string; emptyList: string; heading: string; revokedMark: string; revokedLine: string };
}

interface Results {
  readonly roundTitle: string;
  readonly programName?: string;
  readonly issuer: string;
  readonly noticeNumber: string;
  readonly publishedAt: string;
  readonly recognized: readonly { readonly applicant: string; readonly title: string; readonly revoked?: boolean }[];
  /** Units revoked: by this evaluation round, or later, of this recognition round's units. */
  readonly revoked?: readonly { readonly applicant: string; readonly title: string; readonly noticeNumber: string; readonly revokedAt: string }[];
}

const { roundId, messages } = pageData<ResultsPageData>();

async function start(): Promise<void> {
  const status = byId('status');
  notify(status, messages.loading);
  const result = await api<Results>('GET', `/api/public/rounds/${encodeURIComponent(roundId)}/results`, messages);
  if (!result.ok) {
    notify(status, result.status === 404 ? messages.notPublished : result.error.message, 'error');
    return;
  }
  notify(status, '');
  const results = result.data;
  byId('heading').textContent = fill(messages.heading, { round: results.roundTitle });
  document.title = `${byId('heading').textContent} - ${document.title}`;
  byId('program').textContent = results.programName ?? '';
  byId('notice-number').textContent = results.noticeNumber;
  byId('issuer').textContent = results.issuer;
  byId('published-at').textContent = beijingDate(results.publishedAt);
  showApplications(
    results.recognized.map((entry) => (entry.revoked ? { ...entry, title: `${entry.title}${messages.revokedMark}` } : entry)),
    messages.emptyList,
  );
  const revoked = results.revoked ?? [];
  const list = byId('revoked-entries');
  list.replaceChildren();
  for (const entry of revoked) {
    list.append(el('li', { text: fill(messages.revokedLine, { applicant: entry.applicant, title: entry.title, noticeNumber: entry.noticeNumber, date: beijingDate(entry.revokedAt) }) }));
  }
  byId('revoked-section').hidden = revoked.length === 0;
  byId('results').hidden = false;
  byId('list-section').hidden = false;
}

void start();
