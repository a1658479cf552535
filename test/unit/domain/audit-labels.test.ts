import { describe, expect, it } from 'vitest';
import { audit, systemActor, type AuditEvent } from '#shared/domain/audit-event.js';
import { describeAuditEvent, parseActor, secondaryReferences, type AuditDirectory } from '#shared/domain/audit-labels.js';

const now = new Date('2026-12-01T08:00:00.000Z');
const record = (id: string) => ({ id, version: 1 });

const directory: AuditDirectory = {
  rounds: new Map([['r1', { title: '2026年市域产教联合体认定' }]]),
  applications: new Map([
    ['a1', { title: '柳州汽车产业市域产教联合体', applicantName: '柳州市人民政府' }],
    ['a2', { title: '', applicantName: '桂林市人民政府' }],
  ]),
  evidence: new Map([['ev1', { fileName: '申报书.pdf', applicationId: 'a1' }]]),
  experts: new Map([['x1', { name: '专家甲' }]]),
  reviewTasks: new Map([['t1', { applicationId: 'a1', expertId: 'x1' }]]),
  objections: new Map([['o1', { receiptNumber: 'YY-0001', applicationId: 'a1' }]]),
  siteVisits: new Map([['v1', { applicationId: 'a1' }]]),
};

function event(actor: Parameters<typeof audit>[0], entityType: AuditEvent['entityType'], entityId: string): AuditEvent {
  return audit(actor, 'test.action', entityType, undefined, record(entityId), now);
}

describe('display names in the audit trail', () => {
  it('name staff by the name recorded with the event, and older events without one as 工作人员', () => {
    const recorded = event({ kind: 'admin', id: 'u1', name: '厅职成处' }, 'round', 'r1');
    expect(recorded.actorName).toBe('厅职成处');
    expect(describeAuditEvent(recorded, directory)).toMatchObject({ actor: 'admin:u1', actorName: '厅职成处', entityLabel: '2026年市域产教联合体认定', action: 'test.action' });
    expect(describeAuditEvent(event({ kind: 'admin', id: 'u1' }, 'round', 'r1'), directory).actorName).toBe('工作人员');
  });

  it('name an institution by the applicant organisation of the application it acted on', () => {
    expect(describeAuditEvent(event({ kind: 'institution', id: 'clerk', name: '王老师' }, 'application', 'a1'), directory).actorName).toBe('柳州市人民政府');
    expect(describeAuditEvent(event({ kind: 'institution', id: 'clerk', name: '王老师' }, 'evidence', 'ev1'), directory)).toMatchObject({ actorName: '柳州市人民政府', entityLabel: '申报书.pdf（柳州汽车产业市域产教联合体）' });
    expect(describeAuditEvent(event({ kind: 'institution', id: 'clerk' }, 'application', 'gone'), directory).actorName).toBe('申报单位');
  });

  it('name experts, the workflow and the public', () => {
    expect(describeAuditEvent(event({ kind: 'expert', id: 'x1' }, 'review_task', 't1'), directory)).toMatchObject({ actorName: '专家甲', entityLabel: '专家甲评审《柳州汽车产业市域产教联合体》' });
    expect(describeAuditEvent(event({ kind: 'expert', id: 'unknown' }, 'review_task', 't1'), directory).actorName).toBe('评审专家');
    expect(describeAuditEvent(event(systemActor, 'application', 'a2'), directory)).toMatchObject({ actorName: '系统', entityLabel: '桂林市人民政府' });
    expect(describeAuditEvent(event({ kind: 'public', id: '13900000000' }, 'objection', 'o1'), directory)).toMatchObject({ actorName: '公众', entityLabel: '异议 YY-0001' });
  });

  it('name a site visit by its application, and need that application', () => {
    const visit = event({ kind: 'admin', id: 'u1', name: '厅职成处' }, 'site_visit', 'v1');
    expect(describeAuditEvent(visit, directory)).toMatchObject({ actorName: '厅职成处', entityLabel: '实地考察《柳州汽车产业市域产教联合体》' });
    expect(secondaryReferences(visit, directory).applicationIds).toEqual(['a1']);
    expect(describeAuditEvent(event(systemActor, 'site_visit', 'v-missing'), directory)).not.toHaveProperty('entityLabel');
  });

  it('leave the entity label out when its record is not found', () => {
    expect(describeAuditEvent(event(systemActor, 'expert', 'nobody'), directory)).not.toHaveProperty('entityLabel');
  });

  it('read recorded actor labels back, refusing unknown kinds', () => {
    expect(parseActor('expert:exp_1:x')).toEqual({ kind: 'expert', id: 'exp_1:x' });
    expect(parseActor('robot:1')).toBeUndefined();
    expect(parseActor('admin')).toBeUndefined();
  });

  it('say which applications and experts a directory needs beyond the event\'s own record', () => {
    expect(secondaryReferences(event({ kind: 'expert', id: 'x2' }, 'review_task', 't1'), directory)).toEqual({ applicationIds: ['a1'], expertIds: ['x1', 'x2'] });
    expect(secondaryReferences(event(systemActor, 'round', 'r1'), directory)).toEqual({ applicationIds: [], expertIds: [] });
  });
});
