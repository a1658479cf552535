/**
 * The tabs of a round's pages in the console (概况, 形式审查, 评审进度, 评审排名, 异议处理): links
 * to each page of the round, the current one marked.
 */
import type { JSX } from 'preact';
import { staffFrameText as t } from '#functions/web/staff-messages.js';

/** The round pages, by view name, and their paths under `/console/rounds/{id}`. */
const tabs = [
  { view: 'round', suffix: '' },
  { view: 'screening', suffix: '/applications' },
  { view: 'reviews', suffix: '/reviews' },
  { view: 'ranking', suffix: '/ranking' },
  { view: 'objections', suffix: '/objections' },
] as const;

/** The tab bar of round `roundId`, with `current` marked. */
export function RoundTabs(props: { readonly roundId: string; readonly current: (typeof tabs)[number]['view'] }): JSX.Element {
  const base = `/console/rounds/${encodeURIComponent(props.roundId)}`;
  return (
    <nav class="tabs" aria-label={t.roundTabsLabel}>
      <ul>
        {tabs.map((tab) => (
          <li key={tab.view}>
            <a href={base + tab.suffix} aria-current={tab.view === props.current ? 'page' : undefined}>
              {t.roundTabs[tab.view]}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
