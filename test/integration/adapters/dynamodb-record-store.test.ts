/**
 * The DynamoDB record store against the local emulator (DynamoDB Local behind the runtime's front): every
 * change is written with its audit events atomically and only if the record did not change.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDataTable } from '#infra/local/create-data-table.js';
import { startLocalDynamoDb, type LocalDynamoDb } from '#infra/local/dynamodb/index.js';
import { DynamoDbRateLimiter } from '#shared/adapters/dynamodb/dynamodb-rate-limiter.js';
import { DynamoDbRecordStore } from '#shared/adapters/dynamodb/dynamodb-record-store.js';
import { editApplication, moveApplication } from '#shared/domain/application.js';
import { audit, type Change } from '#shared/domain/audit-event.js';
import { revise, type EntityMeta } from '#shared/domain/entity.js';
import { createExpert } from '#shared/domain/expert.js';
import { raiseObjection } from '#shared/domain/objection.js';
import { createReviewTask, declineTask, expireTask, markReassigned, type ReviewTask } from '#shared/domain/review-task.js';
import { claimCapacity, guarded, tagged, type RecordKind, type TaggedChange } from '#shared/ports/record-store.js';
import { maxExpertsPerApplication } from '#shared/programs/schema.js';
import { completeForm, makeProgram } from '#test/unit/domain/program-fixture.js';
import { at, draftApplication, openRound, school, staff } from '#test/unit/domain/records-fixture.js';
import { verbCases, type AuditCase } from '#test/unit/domain/verb-cases.js';
import type { Dependencies } from '#functions/composition-root.js';
import { currentReviewTasks } from '#functions/workflow/current-review-tasks.js';

let dynamo: LocalDynamoDb;
let client: DynamoDBClient;
let store: DynamoDbRecordStore;
let limiter: DynamoDbRateLimiter;
let dataDir: string;

/** A record store on a new, empty table. */
async function storeOnTable(tableName: string): Promise<DynamoDbRecordStore> {
  await createDataTable(client, tableName);
  return new DynamoDbRecordStore(DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } }), tableName);
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cjrh-store-'));
  dynamo = await startLocalDynamoDb({ dataDir });
  client = new DynamoDBClient({ endpoint: dynamo.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
  store = await storeOnTable('records');
  limiter = new DynamoDbRateLimiter(DynamoDBDocumentClient.from(client), 'records', 'expiresAt');
});

afterAll(async () => {
  await dynamo?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('DynamoDbRecordStore', () => {
  it('gives the steps that count reviews each open task as it is now, whatever a (lagging) list still showed', async () => {
    const opened = createReviewTask({ roundId: 'round-fresh', applicationId: 'app-fresh', expertId: 'e-fresh', dueAt: at(600) }, { id: 'task-fresh', linkId: 'link-fresh-abcdefghijklmnopqrstuvwxyz', actor: staff, now: at(0) });
    await store.commit([tagged('reviewTask', opened)]);
    const stale = await store.listReviewTasksOfApplication('round-fresh', 'app-fresh');
    expect(stale.map((item) => item.status)).toEqual(['invited']);
    await store.commit([tagged('reviewTask', declineTask(opened.entity, '时间冲突', { actor: staff, now: at(10) }))]);
    const current = await currentReviewTasks({ records: store } as unknown as Dependencies, stale);
    expect(current.map((item) => [item.id, item.status])).toEqual([['task-fresh', 'declined']]);
  });

  it('lists units and reports without a filter (no empty sort-key prefix, which DynamoDB refuses)', async () => {
    const empty = await storeOnTable('unfiltered-lists');
    expect(await empty.listUnits()).toEqual([]);
    expect(await empty.listReports()).toEqual([]);
  });

  it('writes a record with its audit event and serves it by id and through the indexes', async () => {
    const round = openRound();
    const application = draftApplication(round);
    await store.commit([tagged('round', { entity: round, expectedVersion: 0, events: [] }), tagged('application', { entity: application, expectedVersion: 0, events: [] })]);
    expect(await store.get('application', application.id)).toEqual(application);
    expect((await store.listApplicationsOfRound(round.id)).map((item) => item.id)).toEqual([application.id]);
    expect((await store.listApplicationsOfOrg('org-1')).map((item) => item.id)).toEqual([application.id]);
    expect(await store.listApplicationsOfOrg('org-2')).toEqual([]);

    const screening = moveApplication(application, 'submitted', {}, { actor: staff, now: at(1), action: 'application.submitted' });
    await store.commit([tagged('application', screening)]);
    expect((await store.listAudit(application.id)).map((event) => event.action)).toEqual(['application.submitted']);
  });

  it('refuses a change computed from a stale version and writes nothing of that transaction', async () => {
    const round = { ...openRound(), id: 'round-stale' };
    const application = { ...draftApplication(round), id: 'app-stale', roundId: round.id };
    await store.commit([tagged('application', { entity: application, expectedVersion: 0, events: [] })]);
    const first = moveApplication(application, 'submitted', {}, { actor: staff, now: at(1), action: 'first' });
    const second = moveApplication(application, 'withdrawn', {}, { actor: staff, now: at(2), action: 'second' });
    await store.commit([tagged('application', first)]);
    const expert = createExpert({ name: '专家', email: 'stale@x.test', organization: 'U', expertise: [] }, { id: 'expert-stale', actor: staff, now: at(2) });
    await expect(store.commit([tagged('expert', expert), tagged('application', second)])).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE', status: 409 });
    expect((await store.get('application', application.id))?.status).toBe('submitted');
    expect(await store.get('expert', 'expert-stale')).toBeUndefined();
    expect((await store.listAudit(application.id)).map((event) => event.action)).toEqual(['first']);
  });

  it('applies a status guard: the guarded record must be in a status, its version moves on, and a writer that read it before must decide again', async () => {
    const round = { ...openRound(), id: 'round-guard' };
    const application = { ...draftApplication(round), id: 'app-guard', roundId: round.id };
    await store.commit([tagged('application', { entity: application, expectedVersion: 0, events: [] })]);
    const expert = (id: string) => tagged('expert', createExpert({ name: '专家', email: `${id}@x.test`, organization: 'U', expertise: [] }, { id, actor: staff, now: at(1) }));

    // Guards do not conflict with each other: each moves the version on by one.
    await Promise.all(['guard-1', 'guard-2', 'guard-3'].map((id) => store.commit([expert(id), guarded('application', application.id, ['draft', 'returned'], at(2))])));
    const guardedTwice = await store.get('application', application.id);
    expect(guardedTwice).toEqual({ ...application, version: application.version + 3, updatedAt: at(2).toISOString() });
    // A change computed before the guards is stale; one computed after them is written.
    const stale = editApplication(application, completeForm, makeProgram(), { actor: staff, now: at(3) });
    await expect(store.commit([tagged('application', stale)])).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE' });
    await store.commit([tagged('application', moveApplication(guardedTwice!, 'submitted', {}, { actor: staff, now: at(3), action: 'application.submitted' }))]);
    // Once the record left the guarded statuses (or never existed), the whole commit is refused.
    await expect(store.commit([expert('guard-4'), guarded('application', application.id, ['draft', 'returned'], at(4))])).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE', status: 409 });
    await expect(store.commit([expert('guard-5'), guarded('application', 'app-missing', ['draft'], at(4))])).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE' });
    expect(await store.get('expert', 'guard-4')).toBeUndefined();
    expect(await store.get('expert', 'guard-5')).toBeUndefined();
    expect((await store.get('application', application.id))?.version).toBe(application.version + 4);
  });

  it('keeps expert e-mail addresses unique', async () => {
    const one = createExpert({ name: '甲', email: 'Same@Experts.test', organization: 'A', expertise: ['x'] }, { id: 'e1', actor: staff, now: at(0) });
    const two = createExpert({ name: '乙', email: 'same@experts.test', organization: 'B', expertise: ['y'] }, { id: 'e2', actor: staff, now: at(0) });
    await store.commit([tagged('expert', one)]);
    await expect(store.commit([tagged('expert', two)])).rejects.toMatchObject({ code: 'ALREADY_EXISTS', status: 409, details: [{ path: 'email' }] });
    expect((await store.findExpertByEmail('same@experts.test'))?.id).toBe('e1');
    expect((await store.listExperts()).map((expert) => expert.id)).toContain('e1');
  });

  it('keeps one review task per expert and application, even after it expired and when two race', async () => {
    const task = (id: string, applicationId: string, expertId: string) =>
      createReviewTask({ roundId: 'round-guard', applicationId, expertId, dueAt: at(600) }, { id, linkId: `link-${id}-abcdefghijklmnopqrstuvwxyz`, actor: staff, now: at(0) });
    const first = task('task-g1', 'app-g', 'e7');
    await store.commit([tagged('reviewTask', first)]);
    const expired = expireTask(first.entity, { actor: staff, now: at(700) })!;
    await store.commit([tagged('reviewTask', expired)]);

    const again = task('task-g2', 'app-g', 'e7');
    const refusal = await store.commit([tagged('reviewTask', again), tagged('reviewTask', markReassigned(expired.entity, 'task-g2', { actor: staff, now: at(701) }))]).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'ALREADY_EXISTS', status: 409, details: [{ path: 'expertId' }] });
    expect((refusal as Error).message).toContain('同一专家对同一申报只评审一次');
    expect(await store.get('reviewTask', 'task-g2')).toBeUndefined();
    expect((await store.get('reviewTask', 'task-g1'))?.replacedBy).toBeUndefined();
    expect(await store.listAudit('task-g2')).toEqual([]);

    const racing = await Promise.allSettled([store.commit([tagged('reviewTask', task('task-g3', 'app-g', 'e8'))]), store.commit([tagged('reviewTask', task('task-g4', 'app-g', 'e8'))])]);
    expect(racing.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(racing.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'ALREADY_EXISTS' } });

    // another expert on the application, and the same expert on another application, are fine
    await store.commit([tagged('reviewTask', task('task-g5', 'app-g', 'e9')), tagged('reviewTask', task('task-g6', 'app-g2', 'e7'))]);
    const experts = (await store.listReviewTasksOfApplication('round-guard', 'app-g')).map((item) => item.expertId);
    expect(experts.sort()).toEqual(['e7', 'e8', 'e9']);
  });

  it('keeps an expert\'s tasks in a round within the capacity claimed, frees a place when a task ends, and lets one of two racing claims win', async () => {
    const task = (id: string, applicationId: string, expertId = 'e-load', roundId = 'round-load') =>
      createReviewTask({ roundId, applicationId, expertId, dueAt: at(600) }, { id, linkId: `link-${id}-abcdefghijklmnopqrstuvwxyz`, actor: staff, now: at(0) });
    const claimed = (created: Change<ReviewTask>, capacity: number) => store.commit([tagged('reviewTask', created), claimCapacity(created.entity, capacity)]);
    const first = task('task-l1', 'app-l1');
    await claimed(first, 2);
    await claimed(task('task-l2', 'app-l2'), 2);
    expect([...(await store.trackedLoad('round-load', 'e-load'))].sort()).toEqual(['task-l1', 'task-l2']);
    const refusal = await claimed(task('task-l3', 'app-l3'), 2).catch((error: unknown) => error);
    expect(refusal).toMatchObject({ code: 'CAPACITY_EXHAUSTED', status: 409, details: [{ path: 'expertId' }] });
    expect((refusal as Error).message).toBe('该专家在本批次的评审任务已达上限');
    expect(await store.get('reviewTask', 'task-l3')).toBeUndefined();
    expect(await store.listAudit('task-l3')).toEqual([]);
    // another round, and another expert, have places of their own
    await claimed(task('task-l4', 'app-l3', 'e-load', 'round-load-2'), 2);
    await claimed(task('task-l5', 'app-l3', 'e-load-2'), 2);

    // a declined task frees its place, once: declining, then marking it replaced, frees one place only
    const declined = declineTask(first.entity, '时间冲突', { actor: staff, now: at(10) });
    await store.commit([tagged('reviewTask', declined)]);
    await store.commit([tagged('reviewTask', markReassigned(declined.entity, 'task-l6', { actor: staff, now: at(11) }))]);
    expect([...(await store.trackedLoad('round-load', 'e-load'))]).toEqual(['task-l2']);
    await claimed(task('task-l6', 'app-l4'), 2);
    expect((await claimed(task('task-l7', 'app-l5'), 2).catch((error: unknown) => error))).toMatchObject({ code: 'CAPACITY_EXHAUSTED' });

    // the last place: of two racing claims exactly one is committed
    const racing = await Promise.allSettled([claimed(task('task-l8', 'app-l6', 'e-race'), 1), claimed(task('task-l9', 'app-l7', 'e-race'), 1)]);
    expect(racing.map((outcome) => outcome.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(racing.find((outcome) => outcome.status === 'rejected')).toMatchObject({ reason: { code: 'CAPACITY_EXHAUSTED' } });
    expect((await store.trackedLoad('round-load', 'e-race')).size).toBe(1);
    // no place at all
    expect((await claimed(task('task-l10', 'app-l8', 'e-none'), 0).catch((error: unknown) => error))).toMatchObject({ code: 'CAPACITY_EXHAUSTED' });
    expect(await store.trackedLoad('round-load', 'e-unknown')).toEqual(new Set());
  });

  it('starts the review of an application with the most experts a round allows in one transaction', async () => {
    const round = { ...openRound(), id: 'round-wide' };
    const application = { ...draftApplication(round), id: 'app-wide', roundId: round.id };
    await store.commit([tagged('application', { entity: application, expectedVersion: 0, events: [] })]);
    const tasks = Array.from({ length: maxExpertsPerApplication }, (_, index) =>
      tagged('reviewTask', createReviewTask({ roundId: round.id, applicationId: application.id, expertId: `wide-${index}`, dueAt: at(600) }, { id: `task-wide-${index}`, linkId: `link-wide-${index}-abcdefghijklmnopqrstuvwxyz`, actor: staff, now: at(0) })),
    );
    await store.commit([tagged('application', moveApplication(application, 'submitted', {}, { actor: staff, now: at(1), action: 'application.submitted' })), ...tasks]);
    expect(await store.listReviewTasksOfApplication(round.id, application.id)).toHaveLength(maxExpertsPerApplication);
  });

  it('finds a review task by its link id and lists a round\'s tasks', async () => {
    const task = createReviewTask({ roundId: 'round-links', applicationId: 'app-x', expertId: 'e1', dueAt: at(600) }, { id: 'task-1', linkId: 'link-abcdefghijklmnopqrstuvwxyz', actor: staff, now: at(0) });
    const otherApplication = createReviewTask({ roundId: 'round-links', applicationId: 'app-x2', expertId: 'e1', dueAt: at(600) }, { id: 'task-2', linkId: 'link-bcdefghijklmnopqrstuvwxyz0', actor: staff, now: at(0) });
    await store.commit([tagged('reviewTask', task), tagged('reviewTask', otherApplication)]);
    expect((await store.listReviewTasksOfApplication('round-links', 'app-x')).map((item) => item.id)).toEqual(['task-1']);
    expect((await store.findReviewTaskByLink('link-abcdefghijklmnopqrstuvwxyz'))?.id).toBe('task-1');
    expect(await store.findReviewTaskByLink('link-unknown')).toBeUndefined();
    expect((await store.listReviewTasksOfRound('round-links')).map((item) => item.id)).toEqual(['task-1', 'task-2']);
  });

  it('hands out each sequence value once however many callers race, and stops at the cap', async () => {
    const values = await Promise.all(Array.from({ length: 30 }, () => store.nextSequence('race', 1000)));
    expect([...values].sort((a, b) => a! - b!)).toEqual(Array.from({ length: 30 }, (_, index) => index + 1));
    expect(await store.nextSequence('capped', 2)).toBe(1);
    expect(await store.nextSequence('capped', 2)).toBe(2);
    expect(await store.nextSequence('capped', 2)).toBeUndefined();
  });

  it('records an objection once per duplicate key and receipt number, and finds the first by its duplicate key', async () => {
    const round = revise(openRound(), { status: 'in_publicity', shortlist: { applicationIds: ['app-1'], approvedBy: 's', approvedAt: at(0).toISOString() }, publicity: { startsAt: at(0).toISOString(), endsAt: at(60).toISOString() } }, at(0));
    const input = { applicationId: 'app-1', name: '张三', phone: '13900000000', content: '合作企业数量与实际不符。' };
    const raise = (id: string, sequence: number, overrides = {}) => raiseObjection({ ...input, ...overrides }, round, { id, actor: { kind: 'public', id: 'p' }, now: at(10), sequence });
    await store.commit([tagged('objection', raise('obj-1', 1))]);
    await expect(store.commit([tagged('objection', raise('obj-2', 2, { phone: '+86 13900000000', content: ' 合作企业数量 与实际不符。' }))])).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    await expect(store.commit([tagged('objection', raise('obj-3', 1, { content: '另一条不同的异议内容。' }))])).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect((await store.findDuplicateObjection({ roundId: round.id, ...input, phone: '0086 139 0000 0000' }))?.id).toBe('obj-1');
    expect(await store.findDuplicateObjection({ roundId: round.id, ...input, content: '另一条不同的异议内容。' })).toBeUndefined();
    expect((await store.listObjectionsOfRound(round.id)).map((item) => item.id)).toEqual(['obj-1']);
    expect((await store.listAudit('obj-2')).length + (await store.listAudit('obj-3')).length).toBe(0);
  });

  it('serves a round\'s whole trail by time, paged, with the events of its applications and tasks but not of pool-wide experts', async () => {
    const trailStore = await storeOnTable('round-trail');
    const round = { ...openRound(), id: 'round-trail' };
    const application = { ...draftApplication(round), id: 'app-trail' };
    const named = { ...staff, name: '厅职成处' };
    const roundCreated: Change<typeof round> = { entity: round, expectedVersion: 0, events: [audit(named, 'round.created', 'round', undefined, round, at(0))] };
    await trailStore.commit([tagged('round', roundCreated)]);
    await trailStore.commit([tagged('application', { entity: application, expectedVersion: 0, events: [audit(school, 'application.created', 'application', undefined, application, at(2))] })]);
    const task = createReviewTask({ roundId: round.id, applicationId: application.id, expertId: 'e-trail', dueAt: at(600) }, { id: 'task-trail', linkId: 'link-trail-abcdefghijklmnopqrstuvwxyz', actor: staff, now: at(1) });
    await trailStore.commit([tagged('reviewTask', task), tagged('expert', createExpert({ name: '专家', email: 'trail@experts.test', organization: '某大学', expertise: [] }, { id: 'e-trail', actor: staff, now: at(3) }))]);
    const first = await trailStore.listRoundAudit(round.id, { limit: 2 });
    expect(first.events.map((event) => [event.action, event.entityId])).toEqual([['round.created', round.id], ['review_task.created', 'task-trail']]);
    expect(first.events[0]).toEqual(roundCreated.events[0]);
    expect(first.events[0]!.actorName).toBe('厅职成处');
    const second = await trailStore.listRoundAudit(round.id, { limit: 2, nextToken: first.nextToken });
    expect(second.events.map((event) => event.action)).toEqual(['application.created']);
    expect(second.nextToken).toBeUndefined();
    const other = await trailStore.listRoundAudit('another-round', { limit: 2 });
    expect(other).toEqual({ events: [] });
    for (const token of ['garbage', Buffer.from('{"pk":"x"}').toString('base64url'), (await trailStore.listRoundAudit(round.id, { limit: 1 })).nextToken!]) {
      await expect(trailStore.listRoundAudit('another-round', { limit: 2, nextToken: token })).rejects.toMatchObject({ code: 'VALIDATION_FAILED', status: 400 });
    }
  });

  it('counts concurrent requests against a rate limit without ever passing it, per window', async () => {
    const limit = { key: 'test:burst', limit: 5, windowSeconds: 60 };
    const now = new Date('2026-11-03T02:00:10Z');
    const outcomes = await Promise.allSettled(Array.from({ length: 40 }, () => limiter.consume([limit], now)));
    expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(5);
    for (const outcome of outcomes.filter((item) => item.status === 'rejected')) {
      expect(outcome.reason).toMatchObject({ code: 'RATE_LIMITED', status: 429, retryAfterSeconds: 50 });
    }
    await expect(limiter.consume([limit], new Date('2026-11-03T02:01:00Z'))).resolves.toBeUndefined();
  });

  it('stops at the first used-up limit and counts nothing past it', async () => {
    const now = new Date('2026-11-03T02:00:10Z');
    const tight = { key: 'test:tight', limit: 1, windowSeconds: 86_400 };
    const loose = { key: 'test:loose', limit: 2, windowSeconds: 60 };
    await limiter.consume([tight, loose], now);
    await expect(limiter.consume([tight, loose], now)).rejects.toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: 79_190 });
    await expect(limiter.consume([loose], now)).resolves.toBeUndefined();
    await expect(limiter.consume([loose], now)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });
});

describe('every domain verb\'s change and its audit events in the record store', () => {
  const kindOf = { round: 'round', application: 'application', evidence: 'evidence', expert: 'expert', review_task: 'reviewTask', objection: 'objection', unit: 'unit', site_visit: 'siteVisit', program: 'program', program_version: 'programVersion', report: 'report', organization: 'organization' } as const;
  const cases = Object.entries(verbCases).flatMap(([verb, list]) => list.map((auditCase) => [`${verb}: ${auditCase.name}`, auditCase] as const));
  let tables = 0;
  const taggedCase = (kind: RecordKind, change: Change<EntityMeta>) => ({ kind, change }) as TaggedChange;

  /** A store holding the case's starting record (none for a creation), and the change the verb computes from it. */
  async function prepared(auditCase: AuditCase) {
    const caseStore = await storeOnTable(`verbs-${(tables += 1)}`);
    const kind = kindOf[auditCase.entityType];
    if (auditCase.before) await caseStore.commit([taggedCase(kind, { entity: auditCase.before, expectedVersion: 0, events: [] })]);
    return { caseStore, kind, change: auditCase.act() };
  }

  it.each(cases)('%s: a commit writes the record and its events together', async (_name, auditCase) => {
    const { caseStore, kind, change } = await prepared(auditCase);
    await caseStore.commit([taggedCase(kind, change)]);
    expect(await caseStore.get(kind, change.entity.id)).toEqual(change.entity);
    expect(await caseStore.listAudit(change.entity.id)).toEqual(change.events.map((event) => expect.objectContaining(event)));
  });

  it.each(cases)('%s: a commit whose version condition fails writes neither', async (_name, auditCase) => {
    const { caseStore, kind, change } = await prepared(auditCase);
    // Someone else changed (or created) the record first; their audit event has other keys than the verb's,
    // so only the transaction keeps the verb's events out.
    const rivalEntity = { ...change.entity, ...(auditCase.before ?? {}), version: (auditCase.before?.version ?? 0) + 1, updatedAt: at(-1).toISOString() };
    const rival = { entity: rivalEntity, expectedVersion: auditCase.before?.version ?? 0, events: [audit(staff, 'test.rival_change', auditCase.entityType, auditCase.before, rivalEntity, at(-1))] };
    await caseStore.commit([taggedCase(kind, rival)]);
    await expect(caseStore.commit([taggedCase(kind, change)])).rejects.toMatchObject({ code: 'CONCURRENT_UPDATE', status: 409 });
    expect(await caseStore.get(kind, change.entity.id)).toEqual(rivalEntity);
    expect((await caseStore.listAudit(change.entity.id)).map((event) => event.action)).toEqual(['test.rival_change']);
  });
});
