/**
 * The ranking table of a round (评审排名): one row per application by rank with its scores,
 * spread flag, recommendation counts and first-level indicator points, under a warning when the
 * proposed shortlist holds an application every expert advised against; each row's scored items
 * open below it. With `choice` every row has a `列入入围名单` checkbox; without it the column
 * shows whether the row is on the approved list.
 */
import type { JSX } from 'preact';
import { useState } from 'preact/hooks';
import { firstLevelScores, isWideSpread, wideSpreadShare } from '#shared/domain/ranking-breakdown.js';
import type { ScoreScale } from '#shared/domain/scoring.js';
import type { IndicatorNode } from '#shared/programs/schema.js';
import { rankingText as t, siteVisitText } from '#functions/web/staff-messages.js';
import { SiteVisitCell, VisitFormRow, type SiteVisits, type VisitForm } from './site-visit-panel.js';

/** One ranking line as `GET /api/admin/rounds/{id}/ranking` gives it. */
export interface RankingLine {
  readonly applicationId: string;
  readonly rank: number;
  readonly score: number | null;
  readonly validReviews: number;
  readonly spread: number | null;
  readonly applicant: string;
  readonly title: string;
  /** In an evaluation round, the unit the application is the cycle report of. */
  readonly unitId?: string;
  readonly indicatorScores: Readonly<Record<string, number>>;
  readonly recommendations: { readonly recommend: number; readonly not_recommend: number };
  readonly normalizedScore: number | null;
  readonly tiedAtCut: boolean;
  readonly allNotRecommended: boolean;
  /** The site visit report's recommendation, once filed. */
  readonly siteVisit?: 'recommend' | 'conditional' | 'not_recommend';
}

/** What every row is scored on: the indicator tree as the round scores it. */
export interface Scoring {
  readonly indicators: readonly IndicatorNode[];
  readonly scale: ScoreScale;
}

/** The checkboxes of the table: the chosen ids and how a row is (un)chosen. */
export interface Choice {
  readonly chosen: ReadonlySet<string>;
  readonly toggle: (applicationId: string, listed: boolean) => void;
  readonly disabled: boolean;
}

const figure = (value: number | null) => (value === null ? '—' : value.toFixed(2));

function ItemsRow(props: { readonly line: RankingLine; readonly scoring: Scoring; readonly columns: number; readonly id: string }): JSX.Element {
  const groups = firstLevelScores(props.scoring.indicators, props.scoring.scale, props.line.indicatorScores);
  return (
    <tr class="items" id={props.id}>
      <td colSpan={props.columns}>
        <table>
          <caption>{t.itemsOf(props.line.title)}</caption>
          <thead>
            <tr>
              <th scope="col">{t.itemCode}</th>
              <th scope="col">{t.itemTitle}</th>
              <th scope="col">{t.itemScore}</th>
            </tr>
          </thead>
          <tbody>
            {groups.flatMap((group) =>
              group.items.map((item) => (
                <tr key={item.code}>
                  <td>{item.code}</td>
                  <td>
                    <span class="muted">{group.title}｜</span>
                    {item.title}
                  </td>
                  <td class="num">{item.score === null ? t.notScored : `${item.score.toFixed(2)} / ${item.maxScore}`}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      </td>
    </tr>
  );
}

function Row(props: {
  readonly line: RankingLine;
  readonly scoring: Scoring;
  readonly proposed: boolean;
  readonly choice: Choice | undefined;
  readonly listed: boolean;
  readonly columns: number;
  readonly visits: SiteVisits | undefined;
}): JSX.Element {
  const { line, scoring, visits } = props;
  const [open, setOpen] = useState(false);
  const [visitForm, setVisitForm] = useState<VisitForm>(undefined);
  const titleId = `title-${line.applicationId}`;
  const itemsId = `items-${line.applicationId}`;
  const groups = firstLevelScores(scoring.indicators, scoring.scale, line.indicatorScores);
  const chosen = props.choice ? props.choice.chosen.has(line.applicationId) : props.listed;
  return (
    <>
      <tr class={chosen ? 'chosen' : undefined}>
        <td class="pick">
          {props.choice ? (
            <input
              type="checkbox"
              aria-label={t.choose}
              aria-describedby={titleId}
              checked={chosen}
              disabled={props.choice.disabled}
              onChange={(event) => props.choice!.toggle(line.applicationId, event.currentTarget.checked)}
            />
          ) : (
            <span class={`badge ${props.listed ? 'ok' : ''}`}>{props.listed ? t.listed : t.notListed}</span>
          )}
        </td>
        <td class="num">{line.rank}</td>
        <td class="named">
          <span id={titleId} class="title">
            {line.title}
          </span>
          <span class="sub">{line.applicant}</span>
          <span class="badges">
            {props.proposed ? <span class="badge">{t.proposed}</span> : null}
            {line.tiedAtCut ? <span class="badge warn">{t.tied}</span> : null}
            {line.allNotRecommended ? <span class="badge bad">{t.allNotRecommended}</span> : null}
          </span>
        </td>
        <td class="num">
          {line.score === null ? <span class="muted">{t.unscored}</span> : <strong>{figure(line.score)}</strong>}
          <span class="sub">
            {t.columns.normalized} {figure(line.normalizedScore)}
          </span>
        </td>
        <td class="num">{line.validReviews}</td>
        <td class="num">
          {figure(line.spread)}
          {isWideSpread(line.spread, scoring.scale.total) ? (
            <span class="badges">
              <span class="badge bad">{t.wideSpread}</span>
            </span>
          ) : null}
        </td>
        <td>
          <span class="nowrap">{t.recommend(line.recommendations.recommend)}</span> / <span class="nowrap">{t.notRecommend(line.recommendations.not_recommend)}</span>
        </td>
        {visits ? (
          <td>
            <SiteVisitCell visit={visits.byApplication.get(line.applicationId)} editable={visits.pool !== undefined} describedBy={titleId} onOpen={setVisitForm} />
          </td>
        ) : null}
        {groups.map((group) => (
          <td class="num" key={group.code}>
            {figure(group.points)}
          </td>
        ))}
        <td>
          <button type="button" class="small" aria-expanded={open} aria-controls={itemsId} onClick={() => setOpen(!open)}>
            {open ? t.hideItems : t.showItems}
          </button>
        </td>
      </tr>
      {visits ? <VisitFormRow form={visitForm} line={line} visits={visits} columns={props.columns} onClose={() => setVisitForm(undefined)} /> : null}
      {open ? <ItemsRow line={line} scoring={scoring} columns={props.columns} id={itemsId} /> : null}
    </>
  );
}

/**
 * The warning over a proposed shortlist holding applications every expert advised against
 * (全部专家不推荐), naming them in ranking order; nothing when there are none.
 */
export function NotRecommendedWarning(props: { readonly lines: readonly RankingLine[]; readonly proposed: ReadonlySet<string> }): JSX.Element | null {
  const flagged = props.lines.filter((line) => line.allNotRecommended && props.proposed.has(line.applicationId));
  if (flagged.length === 0) return null;
  return (
    <p class="notice warn" role="note">
      {t.proposedNotRecommended(flagged.map((line) => `《${line.title}》`))}
    </p>
  );
}

/**
 * The ranking table; `choice` makes the first column checkboxes, `listed` marks the approved rows
 * otherwise (and drops the warning on the proposed list); `visits` adds the 实地考察 column.
 */
export function RankingTable(props: {
  readonly lines: readonly RankingLine[];
  readonly scoring: Scoring;
  readonly proposed: ReadonlySet<string>;
  readonly choice?: Choice;
  readonly listed?: ReadonlySet<string>;
  readonly visits?: SiteVisits | undefined;
}): JSX.Element {
  const heads = props.scoring.indicators;
  const maxPoints = new Map(firstLevelScores(heads, props.scoring.scale, {}).map((group) => [group.code, group.maxPoints]));
  const columns = 8 + heads.length + (props.visits ? 1 : 0);
  return (
    <>
      {props.listed ? null : <NotRecommendedWarning lines={props.lines} proposed={props.proposed} />}
      <p class="hint">{t.tableCaption}</p>
      <div class="scroll" tabIndex={0} role="region" aria-label={t.heading}>
        <table class="ranking">
          <thead>
            <tr>
              <th scope="col">{t.columns.choose}</th>
              <th scope="col">{t.columns.rank}</th>
              <th scope="col">{t.columns.named}</th>
              <th scope="col">{t.columns.score}</th>
              <th scope="col">{t.columns.validReviews}</th>
              <th scope="col">{t.columns.spread}</th>
              <th scope="col">{t.columns.recommendations}</th>
              {props.visits ? <th scope="col">{siteVisitText.column}</th> : null}
              {heads.map((node) => (
                <th scope="col" key={node.code} class="indicator">
                  {node.title}
                  <span class="sub">（{maxPoints.get(node.code) ?? ''}）</span>
                </th>
              ))}
              <th scope="col">{t.columns.details}</th>
            </tr>
          </thead>
          <tbody>
            {props.lines.map((line) => (
              <Row
                key={line.applicationId}
                line={line}
                scoring={props.scoring}
                proposed={props.proposed.has(line.applicationId)}
                choice={props.choice}
                listed={props.listed?.has(line.applicationId) ?? false}
                columns={columns}
                visits={props.visits}
              />
            ))}
          </tbody>
        </table>
      </div>
      <p class="hint">{t.wideSpreadHint(props.scoring.scale.total * wideSpreadShare)}</p>
      {props.lines.some((line) => line.tiedAtCut) ? <p class="hint">{t.tiedHint}</p> : null}
    </>
  );
}
