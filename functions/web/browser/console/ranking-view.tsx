/**
 * The console view `ranking` (`/console/rounds/{id}/ranking`): the round's ranking with spread
 * flags, recommendation counts and per-indicator scores, and the shortlist decision while the
 * round awaits it; after the approval the approved list, read-only, with the round's status.
 * Where the round uses site visits, their 实地考察 column (scheduling and reports while the
 * shortlist waits).
 * Before the round is ranked, what it is waiting for. An evaluation round takes its conclusions
 * per unit here instead (evaluation-decision.tsx).
 */
import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { programOfRound } from '#shared/domain/round-scoring.js';
import type { Round } from '#shared/domain/round.js';
import type { ProgramTemplate } from '#shared/programs/schema.js';
import { rankingText as t } from '#functions/web/staff-messages.js';
import type { ViewProps } from '../app/shell.js';
import { Alert, StatusNote, WhenLoaded, beijingTime, useApi } from '../app/ui.js';
import type { ApiError } from '../page-runtime.js';
import { RankingTable, type RankingLine, type Scoring } from './ranking-table.js';
import { RoundHeader } from './round-header.js';
import { ChosenCount, ShortlistDecision } from './shortlist-decision.js';
import { EvaluationConclusions, EvaluationDecisionForm } from './evaluation-decision.js';
import type { SiteVisits, VisitExpert, VisitLine } from './site-visit-panel.js';
import { programPath } from '../app/program-path.js';
import { evaluationText } from '#functions/web/evaluation-messages.js';

interface RankingAnswer {
  readonly ranking: readonly RankingLine[];
  readonly proposedShortlist: readonly string[];
}

/** `GET /api/admin/rounds/{id}/site-visits`. */
interface VisitsAnswer {
  readonly siteVisit: SiteVisits['setting'];
  readonly siteVisits: readonly VisitLine[];
}

/**
 * The round's site visits for the table: absent when the round uses none (and has none); with the
 * pool to pick from while visits may change (ranked, shortlist not decided).
 */
function useSiteVisits(roundPath: string, round: Round | undefined, onChanged: (note: string) => void): SiteVisits | undefined {
  const [answer, reload] = useApi<VisitsAnswer>(round ? `${roundPath}/site-visits` : undefined);
  const data = answer.state === 'ok' ? answer.data : undefined;
  const editable = data !== undefined && data.siteVisit !== 'none' && round?.status === 'awaiting_shortlist_approval' && !round.shortlist;
  const [experts] = useApi<{ experts: readonly VisitExpert[] }>(editable ? '/api/admin/experts' : undefined);
  if (!data || (data.siteVisit === 'none' && data.siteVisits.length === 0)) return undefined;
  return {
    setting: data.siteVisit,
    byApplication: new Map(data.siteVisits.map((visit) => [visit.applicationId, visit])),
    pool: editable && experts.state === 'ok' ? experts.data.experts : undefined,
    onChanged: (note) => {
      reload();
      onChanged(note);
    },
  };
}

function NotRanked(props: { readonly round: Round; readonly error: ApiError }): JSX.Element {
  if (props.error.code !== 'RANKING_NOT_READY') return <Alert message={props.error.message} />;
  const reviews = `/console/rounds/${encodeURIComponent(props.round.id)}/reviews`;
  return (
    <div class="notice warn" role="status">
      <p class="lead">{props.error.message}</p>
      <p>{t.waitingFor[props.round.status] ?? t.waitingOther}</p>
      {props.round.status === 'in_review' ? <a href={reviews}>{t.reviewsLink}</a> : null}
    </div>
  );
}

function Approved(props: {
  readonly round: Round;
  readonly lines: readonly RankingLine[];
  readonly proposed: readonly string[];
  readonly scoring: Scoring;
  readonly visits: SiteVisits | undefined;
}): JSX.Element {
  const shortlist = props.round.shortlist!;
  const listed = new Set(shortlist.applicationIds);
  return (
    <>
      <section class="card" aria-labelledby="approved-heading">
        <h2 id="approved-heading">{t.approvedHeading}</h2>
        <ol class="approved">
          {props.lines
            .filter((line) => listed.has(line.applicationId))
            .map((line) => (
              <li key={line.applicationId}>
                {line.applicant}｜{line.title}
              </li>
            ))}
        </ol>
        <dl class="facts">
          <dt>{t.approvedBy}</dt>
          <dd>{shortlist.approvedBy}</dd>
          <dt>{t.approvedAt}</dt>
          <dd>{beijingTime(shortlist.approvedAt)}</dd>
          {shortlist.note ? (
            <>
              <dt>{t.approvedNote}</dt>
              <dd>{shortlist.note}</dd>
            </>
          ) : null}
        </dl>
        <ChosenCount count={listed.size} quota={props.round.quota} />
      </section>
      <RankingTable lines={props.lines} scoring={props.scoring} proposed={new Set(props.proposed)} listed={listed} visits={props.visits} />
    </>
  );
}

function Ranked(props: {
  readonly round: Round;
  readonly program: ProgramTemplate;
  readonly ranking: RankingAnswer;
  readonly visits: SiteVisits | undefined;
  readonly onApproved: () => void;
}): JSX.Element {
  const { round, program, ranking, visits } = props;
  const lines = ranking.ranking;
  // an evaluation round is scored on its program's evaluation indicators
  const scored = programOfRound(program, round);
  const scoring: Scoring = { indicators: scored.indicators, scale: scored.scoring };
  if (round.kind === 'evaluation') {
    return (
      <>
        {round.evaluationDecisions ? (
          <EvaluationConclusions decisions={round.evaluationDecisions} />
        ) : round.status === 'awaiting_shortlist_approval' ? (
          <EvaluationDecisionForm round={round} lines={lines} onDecided={props.onApproved} />
        ) : (
          <p class="notice warn">{t.notAwaiting}</p>
        )}
        <RankingTable lines={lines} scoring={scoring} proposed={new Set(ranking.proposedShortlist)} visits={visits} />
      </>
    );
  }
  if (round.shortlist) return <Approved round={round} lines={lines} proposed={ranking.proposedShortlist} scoring={scoring} visits={visits} />;
  if (round.status !== 'awaiting_shortlist_approval') {
    return (
      <>
        <p class="notice warn">{t.notAwaiting}</p>
        <RankingTable lines={lines} scoring={scoring} proposed={new Set(ranking.proposedShortlist)} visits={visits} />
      </>
    );
  }
  return (
    <ShortlistDecision roundId={round.id} quota={round.quota} lines={lines} proposedShortlist={ranking.proposedShortlist} scoring={scoring} visits={visits} onApproved={props.onApproved} />
  );
}

/** The `ranking` page of the console. */
export function View(props: ViewProps): JSX.Element {
  const roundPath = `/api/admin/rounds/${encodeURIComponent(props.params['id'] ?? '')}`;
  const [round, reloadRound] = useApi<{ round: Round }>(roundPath);
  const [ranking, reloadRanking] = useApi<RankingAnswer>(`${roundPath}/ranking`);
  const [program] = useApi<ProgramTemplate>(round.state === 'ok' ? programPath(round.data.round.programId, round.data.round.programVersion ?? 1, round.data.round.kind) : undefined);
  const [approved, setApproved] = useState(false);
  const [visitNote, setVisitNote] = useState<string | undefined>(undefined);
  const visits = useSiteVisits(roundPath, round.state === 'ok' ? round.data.round : undefined, (note) => {
    setVisitNote(note);
    reloadRanking();
  });
  const onApproved = () => {
    setApproved(true);
    reloadRound();
    reloadRanking();
  };
  // The workflow opens the publicity right after the approval: follow the round until it has.
  const waiting = approved && round.state === 'ok' && round.data.round.status === 'awaiting_shortlist_approval';
  useEffect(() => {
    if (!waiting) return undefined;
    const timer = setTimeout(reloadRound, 1000);
    return () => clearTimeout(timer);
  }, [waiting, round]);
  return (
    <WhenLoaded loaded={round}>
      {({ round: current }) => (
        <>
          <RoundHeader round={current} heading={t.heading} current="ranking" />
          <StatusNote message={approved ? (current.kind === 'evaluation' ? evaluationText.submitted : t.approved) : visitNote} />
          {ranking.state === 'error' ? (
            <NotRanked round={current} error={ranking.error} />
          ) : (
            <WhenLoaded loaded={program}>
              {(template) => (
                <WhenLoaded loaded={ranking}>
                  {(answer) => <Ranked round={current} program={template} ranking={answer} visits={visits} onApproved={onApproved} />}
                </WhenLoaded>
              )}
            </WhenLoaded>
          )}
        </>
      )}
    </WhenLoaded>
  );
}
