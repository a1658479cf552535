/**
 * Each program's own procedure, over HTTP against the local runtime (in this process, so the
 * test can ask the Step Functions service about executions):
 * - a seed-004 round (市域产教联合体) of 0 publicity working days goes from the approved shortlist
 *   straight to 领导小组审定 and publication, with no publicity, and its mails and notice name
 *   领导小组审定; a seed-000 round may not skip publicity;
 * - staff cancel a round in review: its workflows stop, the review links answer 410, every
 *   applicant is told once, a second cancel changes nothing, and a published round cannot be cancelled.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startRuntime, type Runtime } from '#infra/local/runtime.js';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { pageLines } from '../support/pdf-text.js';
import {
  cityConsortiumForm,
  leafIndicatorCodes,
  openCityRound,
  runtimeNow,
  submitAcceptedApplication,
  submitReview,
  waitForApplicationStatus,
  waitForRoundStatus,
} from '../support/pipeline-steps.js';

const execution = (machine: string, name: string) => `arn:aws:states:us-east-1:000000000000:execution:${machine}:${name}`;

let runtime: Runtime;
let dataDir: string;
let base: string;
let admin: string;
let sfn: SFNClient;

interface Mail {
  readonly subject: string;
  readonly text: string;
  readonly links: readonly string[];
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'cjrh-procedure-'));
  runtime = await startRuntime({ port: 0, dataDir, log: () => undefined });
  base = runtime.baseUrl;
  // the runtime set the endpoint and its credentials in this process's environment
  sfn = new SFNClient({});
  admin = await devToken(base, { role: 'admin', name: '职成处' });
  for (const expert of [
    { name: '专家甲', email: 'jia@procedure.test', organization: '广西大学', expertise: ['职业教育'], capacity: 20 },
    { name: '专家乙', email: 'yi@procedure.test', organization: '广西科技大学', expertise: ['汽车'], capacity: 20 },
  ]) {
    expect((await callApi(base, 'POST', '/api/admin/experts', { token: admin, body: expert })).status).toBe(201);
  }
}, 60_000);

afterAll(async () => {
  await runtime?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function mailsTo(email: string): Promise<Mail[]> {
  return (await callApi(base, 'GET', `/dev/mail?to=${encodeURIComponent(email)}`)).body.messages as Mail[];
}

/** The first mail to `email` whose subject contains `part`, waiting for it. */
async function mailTo(email: string, part: string): Promise<Mail> {
  return eventually(async () => (await mailsTo(email)).find((mail) => mail.subject.includes(part)), `mail "${part}" to ${email}`);
}

/** The review link ids of every invitation about `projectTitle`, waiting for `count`. */
async function linksAbout(projectTitle: string, count: number): Promise<string[]> {
  return eventually(async () => {
    const messages = (await callApi(base, 'GET', '/dev/mail')).body.messages as Mail[];
    const links = messages
      .filter((mail) => mail.subject.includes('【评审邀请】') && mail.subject.includes(projectTitle))
      .flatMap((mail) => mail.links)
      .filter((url) => url.includes('/review/'))
      .map((url) => url.split('/review/')[1]!);
    return links.length >= count ? links : undefined;
  }, `${count} invitation(s) about ${projectTitle}`);
}

function applicant(city: string, email: string) {
  return { ...cityConsortiumForm(`${city}人民政府`, `${city}新能源汽车市域产教联合体`), contactEmail: email };
}

async function statusOf(machine: string, name: string): Promise<string | undefined> {
  return (await sfn.send(new DescribeExecutionCommand({ executionArn: execution(machine, name) }))).status;
}

describe('a seed-004 round without publicity', () => {
  it('goes from the approved shortlist to 领导小组审定 and publication, naming 领导小组审定 in its statuses, mails and notice', async () => {
    // seed 000 requires publicity (公示确认): 0 days is refused there
    const now = await runtimeNow(base);
    const window = { year: 2026, intakeOpensAt: new Date(now - 3600_000).toISOString(), intakeClosesAt: new Date(now + 10 * 86_400_000).toISOString() };
    const miit = await callApi(base, 'POST', '/api/admin/rounds', { token: admin, body: { programId: 'miit-demo-base', title: '示范基地（不公示）', ...window, publicityWorkingDays: 0 } });
    expect(miit.status).toBe(422);
    expect(miit.body.error).toMatchObject({ code: 'ROUND_INVALID', details: [{ path: 'publicityWorkingDays' }] });

    const title = '2026年市域产教联合体认定（不公示）';
    const roundId = await openCityRound(base, admin, { title, expertsPerApplication: 2, minValidReviews: 2, publicityWorkingDays: 0, siteVisit: 'none' });
    const opened = (await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round;
    expect(opened).toMatchObject({ publicityWorkingDays: 0, siteVisit: 'none', approval: { body: '广西职业教育创新发展领导小组', decisionTitle: '领导小组审定' } });

    const forms = { recognized: applicant('百色市', 'a@baise.test'), notShortlisted: applicant('贺州市', 'b@hezhou.test') };
    const ids: Record<string, string> = {};
    const institutions: Record<string, string> = {};
    for (const [key, form] of Object.entries(forms)) {
      institutions[key] = await devToken(base, { role: 'institution', orgId: `org-nopub-${key}` });
      ids[key] = (await submitAcceptedApplication(base, { admin, institution: institutions[key] }, roundId, form)).applicationId;
    }
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    for (const [key, score] of [['recognized', 9], ['notShortlisted', 5]] as const) {
      for (const linkId of await linksAbout(forms[key].projectTitle, 2)) await submitReview(base, linkId, codes, score);
    }
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    const shortlist = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true, applicationIds: [ids['recognized']] } });
    expect(shortlist.status).toBe(200);

    // no publicity: straight to the final decision, which is named as the seed names it
    const waiting = await waitForRoundStatus(base, admin, roundId, 'awaiting_final_approval');
    expect(waiting.statusLabel).toBe('待领导小组审定');
    expect(waiting).not.toHaveProperty('publicity');
    const publicity = await callApi(base, 'GET', `/api/public/rounds/${roundId}/publicity`);
    expect(publicity.status).toBe(404);
    expect(publicity.body.error).toMatchObject({ code: 'PUBLICITY_NOT_HELD', message: '本批次无公示环节' });
    const objection = await callApi(base, 'POST', `/api/public/rounds/${roundId}/objections`, {
      body: { applicationId: ids['recognized'], name: '张三', phone: '13900000000', content: '该联合体的成员企业数量与实际情况严重不符。' },
    });
    expect(objection.status).toBe(409);
    const notShortlistedMail = await mailTo(forms.notShortlisted.contactEmail, '认定结果');
    expect(notShortlistedMail.text).toContain(`“${title}”`);
    expect(notShortlistedMail.text).toContain('认定结果为：未入围');
    // the shortlisted application waits for the decision as it is: no publicity status
    const shortlisted = (await callApi(base, 'GET', `/api/applications/${ids['recognized']}`, { token: institutions['recognized']! })).body.application;
    expect(shortlisted.status).toBe('shortlisted');
    expect(shortlisted.procedure).toEqual({ publicity: false, approval: { body: '广西职业教育创新发展领导小组', decisionTitle: '领导小组审定' } });

    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '桂教职成〔2026〕21号' } })).status).toBe(200);
    const published = await waitForRoundStatus(base, admin, roundId, 'published');
    await waitForApplicationStatus(base, institutions['recognized']!, ids['recognized']!, 'recognized');
    expect((await statusOf('round', roundId))).toBe('SUCCEEDED');

    const trail = (await callApi(base, 'GET', `/api/admin/audit?roundId=${roundId}&limit=500`, { token: admin })).body.events as { action: string; entityId: string }[];
    const roundActions = trail.filter((event) => event.entityId === roundId).map((event) => event.action);
    expect(roundActions).toContain('round.shortlist_final');
    expect(roundActions).not.toContain('round.publicity_opened');
    expect(trail.map((event) => event.action)).not.toContain('application.publicity_opened');

    const results = await callApi(base, 'GET', `/api/public/rounds/${roundId}/results`);
    expect(results.body).toMatchObject({
      roundTitle: title,
      issuer: '广西职业教育创新发展领导小组办公室',
      publishedAt: published.publishedAt,
      noticeNumber: '桂教职成〔2026〕21号',
      recognized: [{ applicationId: ids['recognized'], applicant: forms.recognized.applicantName, title: forms.recognized.projectTitle }],
    });

    const recognizedMail = await mailTo(forms.recognized.contactEmail, '认定通过');
    expect(recognizedMail.text).toContain('经领导小组审定，已列入认定名单，认定通知文号：桂教职成〔2026〕21号');
    for (const form of Object.values(forms)) {
      expect((await mailsTo(form.contactEmail)).filter((mail) => /【认定(结果|通过)】/.test(mail.subject))).toHaveLength(1);
    }

    const notice = await fetch(`${base}${results.body.noticeUrl}`);
    expect(notice.status).toBe(200);
    const text = pageLines(await PDFDocument.load(await notice.arrayBuffer())).flat().join('');
    expect(text).toContain('认定工作经项目申报、组织认定等程序，现已完成。经领导小组审定，认定以下1个项目');
    expect(text).not.toContain('公示');
    expect(text).toContain(`1. ${forms.recognized.applicantName} — ${forms.recognized.projectTitle}`);
    expect(text).not.toContain(forms.notShortlisted.applicantName);
  });
});

describe('cancelling a round', () => {
  it('stops its workflows, ends its review links, tells every applicant once, and cannot be undone or repeated', async () => {
    const title = '2026年市域产教联合体认定（取消）';
    const roundId = await openCityRound(base, admin, { title, expertsPerApplication: 1, minValidReviews: 1 });
    const reviewed = applicant('河池市', 'c@hechi.test');
    const institution = await devToken(base, { role: 'institution', orgId: 'org-cancel-reviewed' });
    const { applicationId } = await submitAcceptedApplication(base, { admin, institution }, roundId, reviewed);
    const drafting = applicant('来宾市', 'd@laibin.test');
    const draft = await callApi(base, 'POST', '/api/applications', { token: await devToken(base, { role: 'institution', orgId: 'org-cancel-draft' }), body: { roundId, form: drafting } });
    expect(draft.status).toBe(201);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    await waitForRoundStatus(base, admin, roundId, 'in_review');
    const [linkId] = await linksAbout(reviewed.projectTitle, 1);
    expect((await callApi(base, 'GET', `/api/review/${linkId}`)).status).toBe(200);
    expect(await statusOf('review', `${applicationId}-review`)).toBe('RUNNING');
    expect(await statusOf('round', roundId)).toBe('RUNNING');

    const refused = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/cancel`, { token: admin, body: { reason: '' } });
    expect(refused.status).toBe(400);
    const cancelled = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/cancel`, { token: admin, body: { reason: '上级通知调整认定安排' } });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.round).toMatchObject({ status: 'cancelled', statusLabel: '已取消', cancellation: { reason: '上级通知调整认定安排', cancelledBy: '职成处' } });

    expect(await statusOf('round', roundId)).toBe('ABORTED');
    expect(await statusOf('review', `${applicationId}-review`)).toBe('ABORTED');
    const link = await callApi(base, 'GET', `/api/review/${linkId}`);
    expect(link.status).toBe(410);
    expect(link.body.error.code).toBe('LINK_EXPIRED');
    expect((await callApi(base, 'POST', `/api/review/${linkId}/conflict`, { body: { hasConflict: false } })).status).toBe(410);

    const seen = (await callApi(base, 'GET', `/api/applications/${applicationId}`, { token: institution })).body.application;
    expect(seen.procedure.cancellation).toEqual({ reason: '上级通知调整认定安排', cancelledAt: cancelled.body.round.cancellation.cancelledAt });
    for (const form of [reviewed, drafting]) {
      const mail = await mailTo(form.contactEmail, '【批次取消】');
      expect(mail.text).toContain(`“${title}”`);
      expect(mail.text).toContain('取消原因：上级通知调整认定安排');
    }

    // a second cancel answers the same, and tells nobody again
    const again = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/cancel`, { token: admin, body: { reason: '重复提交' } });
    expect(again.status).toBe(200);
    expect(again.body.round.cancellation.reason).toBe('上级通知调整认定安排');
    for (const form of [reviewed, drafting]) expect((await mailsTo(form.contactEmail)).filter((mail) => mail.subject.includes('【批次取消】'))).toHaveLength(1);

    // nothing moves a cancelled round on
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(409);
    expect((await callApi(base, 'GET', `/api/admin/rounds/${roundId}`, { token: admin })).body.round.status).toBe('cancelled');
    expect((await callApi(base, 'POST', '/api/admin/rounds/round-unknown/cancel', { token: admin, body: { reason: '无' } })).status).toBe(404);
  });

  it('refuses to cancel a round whose results are published', async () => {
    const roundId = await openCityRound(base, admin, { title: '2026年（已发布）', expertsPerApplication: 1, minValidReviews: 1, publicityWorkingDays: 0 });
    const form = applicant('崇左市', 'e@chongzuo.test');
    await submitAcceptedApplication(base, { admin, institution: await devToken(base, { role: 'institution', orgId: 'org-cancel-published' }) }, roundId, form);
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/close-intake`, { token: admin })).status).toBe(202);
    const codes = await leafIndicatorCodes(base, 'gx-city-consortium');
    for (const linkId of await linksAbout(form.projectTitle, 1)) await submitReview(base, linkId, codes, 8);
    await waitForRoundStatus(base, admin, roundId, 'awaiting_shortlist_approval');
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/shortlist`, { token: admin, body: { approve: true } })).status).toBe(200);
    await waitForRoundStatus(base, admin, roundId, 'awaiting_final_approval');
    expect((await callApi(base, 'POST', `/api/admin/rounds/${roundId}/final-approval`, { token: admin, body: { approve: true, noticeNumber: '桂教职成〔2026〕22号' } })).status).toBe(200);
    await waitForRoundStatus(base, admin, roundId, 'published');
    const refused = await callApi(base, 'POST', `/api/admin/rounds/${roundId}/cancel`, { token: admin, body: { reason: '误操作' } });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('INVALID_STATE');
    expect((await mailsTo(form.contactEmail)).filter((mail) => mail.subject.includes('【批次取消】'))).toEqual([]);
  });
});
