/** Annual reports and duties as the API shows them, with their Chinese labels. */
import { reportKindLabels, reportRatingLabels, reportStatusLabels, type DutyState, type UnitReport } from '#shared/domain/unit-report.js';
import type { Evidence } from '#shared/domain/evidence.js';
import { evidenceView } from '../application-view.js';

/** A report with its labels (and its files, when given). */
export function reportView(report: UnitReport, evidence?: readonly Evidence[]) {
  return {
    ...report,
    kindLabel: reportKindLabels[report.kind],
    statusLabel: reportStatusLabels[report.status],
    ...(report.review?.rating ? { ratingLabel: reportRatingLabels[report.review.rating] } : {}),
    ...(evidence ? { evidence: evidence.map(evidenceView) } : {}),
  };
}

/** A duty of a unit: its year, kind, due date, whether it is late, and its report's id and status (`missing` when none was started). */
export function dutyView(duty: DutyState) {
  return {
    year: duty.year,
    kind: duty.kind,
    kindLabel: reportKindLabels[duty.kind],
    dueAt: duty.dueAt,
    overdue: duty.overdue,
    status: duty.report?.status ?? 'missing',
    ...(duty.report ? { reportId: duty.report.id } : {}),
  };
}
