/**
 * The round export (`export.xlsx`): one workbook with the applications and their results
 * (申报汇总, with the ranking details staff read in the console: 标准分, recommendation counts,
 * 并列, 全部专家不推荐), every review task (评审明细), the objections (异议), each submitted
 * review's score per scored item (评分项得分), each ranked application's mean per scored item
 * (评分项平均分) and the round's audit trail (审计记录). Pure: records in, xlsx bytes out. The
 * ranking details come from {@link describeRanking}, as `GET /api/admin/rounds/{id}/ranking`
 * gives them. Times are written as Beijing wall-clock times (Excel dates have no zone).
 */
import ExcelJS from 'exceljs';
import type { Application } from '#shared/domain/application.js';
import type { DescribedAuditEvent } from '#shared/domain/audit-labels.js';
import type { Expert } from '#shared/domain/expert.js';
import type { Objection } from '#shared/domain/objection.js';
import { describeRanking, reviewsOfRanking, type RankingDetails } from '#shared/domain/ranking-details.js';
import type { ReviewTask } from '#shared/domain/review-task.js';
import type { RankingEntry, Round } from '#shared/domain/round.js';
import { applicationStatusLabel } from '#shared/domain/status-labels.js';
import { auditActionText, auditEntityText, auditText } from '../web/staff-messages.js';
import { siteVisitRecommendationLabels, type SiteVisit } from '#shared/domain/site-visit.js';
import { fillText, workbookText as text } from './messages.js';

/** The records a round export is made of. */
export interface RoundWorkbookData {
  readonly round: Round;
  readonly programName: string;
  readonly applications: readonly Application[];
  readonly reviewTasks: readonly ReviewTask[];
  readonly experts: readonly Expert[];
  readonly objections: readonly Objection[];
  /** The scored items (leaf indicators) of the round's program, in the tree's order. */
  readonly indicators: readonly { readonly code: string; readonly title: string }[];
  /** The round's whole audit trail, oldest first, with display names. */
  readonly audit: readonly DescribedAuditEvent[];
  /** The round's site visits (实地考察), one per application at most. */
  readonly siteVisits: readonly SiteVisit[];
}

/** Asia/Shanghai is UTC+8 all year (no daylight saving). */
const beijingOffsetMs = 8 * 60 * 60 * 1000;
const dateFormat = 'yyyy-mm-dd hh:mm';
const scoreFormat = '0.00';

/**
 * An ISO timestamp as the Date Excel should show: Beijing wall-clock time stored as UTC.
 *
 * @example
 * excelTime('2026-11-30T16:30:00Z'); // shows 2026-12-01 00:30
 */
export function excelTime(iso: string | undefined): Date | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(ms + beijingOffsetMs);
}

interface Column {
  readonly header: string;
  readonly width: number;
  readonly format?: string;
  readonly wrap?: boolean;
}

function addSheet(workbook: ExcelJS.Workbook, name: string, columns: readonly Column[], rows: readonly (readonly unknown[])[]): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  sheet.columns = columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: { ...(column.format ? { numFmt: column.format } : {}), alignment: { vertical: 'top', wrapText: column.wrap ?? false } },
  }));
  for (const row of rows) sheet.addRow([...row]);
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: 'middle', horizontal: 'center' };
  header.height = 22;
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE8EEF4' } };
    cell.border = { bottom: { style: 'thin', color: { argb: 'FF8C959F' } } };
  });
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } };
  return sheet;
}

function screeningText(application: Application): string {
  const screening = application.screening;
  if (!screening) return '';
  const outcome = text.screeningOutcomes[screening.outcome] ?? screening.outcome;
  return screening.reasons.length > 0 ? `${outcome}：${screening.reasons.join(text.reasonSeparator)}` : outcome;
}

type DetailedEntry = RankingEntry & RankingDetails;

/** The ranking lines with their details, by application id. */
function rankingDetails(data: RoundWorkbookData): Map<string, DetailedEntry> {
  const ranking = data.round.ranking ?? [];
  const lines = describeRanking(ranking, reviewsOfRanking(data.round, data.reviewTasks), { quota: data.round.quota });
  return new Map(lines.map((line) => [line.applicationId, line]));
}

/** The applications in ranking order (unranked ones after, by submission). */
function rankingOrder(data: RoundWorkbookData, ranking: ReadonlyMap<string, RankingEntry>): Application[] {
  return [...data.applications].sort((a, b) => {
    const rankA = ranking.get(a.id)?.rank ?? Number.POSITIVE_INFINITY;
    const rankB = ranking.get(b.id)?.rank ?? Number.POSITIVE_INFINITY;
    return rankA - rankB || (a.submittedAt ?? a.createdAt).localeCompare(b.submittedAt ?? b.createdAt) || a.id.localeCompare(b.id);
  });
}

const yesOrBlank = (flag: boolean | undefined) => (flag ? text.yes : null);

/** A site visit as the 实地考察 cell shows it: the report's recommendation, or that it is still awaited. */
function siteVisitText(visit: SiteVisit | undefined): string | null {
  if (!visit) return null;
  return visit.report ? siteVisitRecommendationLabels[visit.report.recommendation] : text.siteVisitScheduled;
}

function summaryRows(ordered: readonly Application[], ranking: ReadonlyMap<string, DetailedEntry>, visits: readonly SiteVisit[]): unknown[][] {
  const visitOf = new Map(visits.map((visit) => [visit.applicationId, visit]));
  return ordered.map((application) => {
    const entry = ranking.get(application.id);
    return [
      application.id,
      application.applicantName,
      application.title,
      applicationStatusLabel(application.status),
      excelTime(application.submittedAt),
      screeningText(application) || null,
      entry?.rank ?? null,
      entry?.score ?? null,
      entry?.validReviews ?? null,
      entry?.spread ?? null,
      entry?.normalizedScore ?? null,
      entry?.recommendations.recommend ?? null,
      entry?.recommendations.not_recommend ?? null,
      yesOrBlank(entry?.tiedAtCut),
      yesOrBlank(entry?.allNotRecommended),
      siteVisitText(visitOf.get(application.id)),
    ];
  });
}

/** An application as a cell shows it: applicant — title (null when not found). */
const applicationText = (application: Application | undefined) => (application ? `${application.applicantName} — ${application.title}` : null);
const recommendationText = (task: ReviewTask) => (task.recommendation ? (text.recommendations[task.recommendation] ?? task.recommendation) : null);

function indicatorColumns(data: RoundWorkbookData): Column[] {
  return data.indicators.map((indicator) => ({ header: fillText(text.indicatorHeader, indicator), width: 14, format: scoreFormat, wrap: true }));
}

/** One row per submitted review, in ranking order: its score per scored item. */
function indicatorReviewRows(data: RoundWorkbookData, ordered: readonly Application[]): unknown[][] {
  const experts = new Map(data.experts.map((item) => [item.id, item]));
  const order = new Map(ordered.map((item, index) => [item.id, index]));
  const applications = new Map(ordered.map((item) => [item.id, item]));
  return data.reviewTasks
    .filter((task) => task.status === 'submitted')
    .sort(
      (a, b) =>
        (order.get(a.applicationId) ?? Infinity) - (order.get(b.applicationId) ?? Infinity) ||
        (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') ||
        a.id.localeCompare(b.id),
    )
    .map((task) => [
      task.applicationId,
      applicationText(applications.get(task.applicationId)) ?? task.applicationId,
      experts.get(task.expertId)?.name ?? task.expertId,
      ...data.indicators.map((indicator) => task.scores?.[indicator.code] ?? null),
      task.total ?? null,
      recommendationText(task),
    ]);
}

/** One row per ranked application, in ranking order: the mean score per scored item. */
function indicatorMeanRows(data: RoundWorkbookData, ordered: readonly Application[], ranking: ReadonlyMap<string, DetailedEntry>): unknown[][] {
  return ordered.flatMap((application) => {
    const entry = ranking.get(application.id);
    if (!entry) return [];
    return [[entry.rank, application.id, applicationText(application), ...data.indicators.map((indicator) => entry.indicatorScores[indicator.code] ?? null)]];
  });
}

function auditRows(data: RoundWorkbookData): unknown[][] {
  return data.audit.map((event) => [excelTime(event.at), event.actorName, auditActionText(event.action), auditEntityText(event)]);
}

function reviewRows(data: RoundWorkbookData): unknown[][] {
  const applications = new Map(data.applications.map((item) => [item.id, item]));
  const experts = new Map(data.experts.map((item) => [item.id, item]));
  const order = new Map(data.applications.map((item, index) => [item.id, index]));
  const tasks = [...data.reviewTasks].sort(
    (a, b) => (order.get(a.applicationId) ?? Infinity) - (order.get(b.applicationId) ?? Infinity) || a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id),
  );
  return tasks.map((task) => {
    const application = applications.get(task.applicationId);
    const expert = experts.get(task.expertId);
    return [
      task.applicationId,
      applicationText(application),
      expert?.name ?? task.expertId,
      expert?.organization ?? null,
      text.reviewStatuses[task.status] ?? task.status,
      task.status === 'submitted' ? (task.total ?? null) : null,
      task.status === 'submitted' ? recommendationText(task) : null,
      excelTime(task.submittedAt),
      task.status === 'submitted' ? (task.comment || null) : null,
    ];
  });
}

function objectionRows(data: RoundWorkbookData): unknown[][] {
  const applications = new Map(data.applications.map((item) => [item.id, item]));
  return [...data.objections]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.id.localeCompare(b.id))
    .map((objection) => {
      const application = applications.get(objection.applicationId);
      return [
        objection.id,
        objection.receiptNumber,
        applicationText(application) ?? objection.applicationId,
        objection.name,
        objection.organization ?? null,
        objection.phone,
        objection.content,
        excelTime(objection.createdAt),
        text.objectionStatuses[objection.status] ?? objection.status,
        objection.resolution?.note ?? null,
        objection.resolution?.by ?? null,
        excelTime(objection.resolution?.at),
      ];
    });
}

/**
 * Builds the round export.
 *
 * @example
 * const bytes = await buildRoundWorkbook({ round, programName, applications, reviewTasks, experts, objections, indicators, audit, siteVisits });
 */
export async function buildRoundWorkbook(data: RoundWorkbookData): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'cjrh-recognition-platform';
  workbook.title = `${data.round.title}（${data.programName}）`;
  const created = new Date(data.round.updatedAt);
  workbook.created = created;
  workbook.modified = created;

  const ranking = rankingDetails(data);
  const ordered = rankingOrder(data, ranking);
  const s = text.summaryColumns;
  addSheet(
    workbook,
    text.summarySheet,
    [
      { header: s.id, width: 24 },
      { header: s.applicant, width: 30, wrap: true },
      { header: s.title, width: 40, wrap: true },
      { header: s.status, width: 14 },
      { header: s.submittedAt, width: 18, format: dateFormat },
      { header: s.screening, width: 30, wrap: true },
      { header: s.rank, width: 8, format: '0' },
      { header: s.score, width: 10, format: scoreFormat },
      { header: s.validReviews, width: 12, format: '0' },
      { header: s.spread, width: 10, format: scoreFormat },
      { header: s.normalizedScore, width: 10, format: scoreFormat },
      { header: s.recommend, width: 10, format: '0' },
      { header: s.notRecommend, width: 10, format: '0' },
      { header: s.tiedAtCut, width: 8 },
      { header: s.allNotRecommended, width: 16 },
      { header: s.siteVisit, width: 18, wrap: true },
    ],
    summaryRows(ordered, ranking, data.siteVisits),
  );

  const r = text.reviewColumns;
  /** The first columns of both sheets of reviews: which application, and who reviewed it. */
  const reviewLead: Column[] = [
    { header: r.applicationId, width: 24 },
    { header: r.application, width: 44, wrap: true },
    { header: r.expert, width: 12 },
  ];
  addSheet(
    workbook,
    text.reviewSheet,
    [
      ...reviewLead,
      { header: r.organization, width: 28, wrap: true },
      { header: r.status, width: 14 },
      { header: r.total, width: 10, format: scoreFormat },
      { header: r.recommendation, width: 10 },
      { header: r.submittedAt, width: 18, format: dateFormat },
      { header: r.comment, width: 50, wrap: true },
    ],
    reviewRows(data),
  );

  const o = text.objectionColumns;
  addSheet(
    workbook,
    text.objectionSheet,
    [
      { header: o.id, width: 24 },
      { header: o.receiptNumber, width: 16 },
      { header: o.application, width: 44, wrap: true },
      { header: o.name, width: 14 },
      { header: o.organization, width: 24, wrap: true },
      { header: o.phone, width: 16 },
      { header: o.content, width: 50, wrap: true },
      { header: o.createdAt, width: 18, format: dateFormat },
      { header: o.status, width: 12 },
      { header: o.resolution, width: 40, wrap: true },
      { header: o.resolvedBy, width: 12 },
      { header: o.resolvedAt, width: 18, format: dateFormat },
    ],
    objectionRows(data),
  );

  addSheet(
    workbook,
    text.indicatorReviewSheet,
    [...reviewLead, ...indicatorColumns(data), { header: r.total, width: 10, format: scoreFormat }, { header: r.recommendation, width: 10 }],
    indicatorReviewRows(data, ordered),
  );

  addSheet(
    workbook,
    text.indicatorMeanSheet,
    [{ header: s.rank, width: 8, format: '0' }, ...reviewLead.slice(0, 2), ...indicatorColumns(data)],
    indicatorMeanRows(data, ordered, ranking),
  );

  const a = auditText.columns;
  addSheet(
    workbook,
    text.auditSheet,
    [
      { header: a.at, width: 18, format: dateFormat },
      { header: a.actor, width: 20, wrap: true },
      { header: a.action, width: 24 },
      { header: a.entity, width: 50, wrap: true },
    ],
    auditRows(data),
  );

  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer);
}
