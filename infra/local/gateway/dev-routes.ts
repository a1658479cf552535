/**
 * Routes of the local runtime only (absent from AWS): dev tokens, captured mail (JSON and a
 * browser view), the controllable clock and readiness.
 */
import type { ServerResponse } from 'node:http';
import * as z from 'zod';
import { cataloguedResult, refusalResult } from '#functions/api/http/error-response.js';
import { DomainError } from '#shared/domain/errors.js';
import { issueDetails } from '#functions/api/http/validation.js';
import type { MailCatcher } from '../mail-catcher.js';
import { escapeHtml, renderDocument } from '#functions/web/layout.js';
import { writeApiResult } from './api-event.js';
import type { RuntimeClock } from '../runtime-clock.js';
import type { DevAuth } from './dev-auth.js';

export interface DevContext {
  readonly auth: DevAuth;
  readonly mail: MailCatcher;
  readonly clock: RuntimeClock;
  /** Fires due waits and timeouts, resolving when the workflows are idle again. */
  readonly settle: () => Promise<void>;
}

const tokenBody = z
  .object({ role: z.enum(['admin', 'institution']), orgId: z.string().min(1).max(100).optional(), name: z.string().min(1).max(100).optional() })
  .strict()
  .refine((body) => body.role !== 'institution' || body.orgId, { message: '申报单位账号必须提供 orgId', path: ['orgId'] });
const clockBody = z.object({ advanceSeconds: z.number().min(0).max(10 * 365 * 86400) }).strict();

function json(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function invalid(response: ServerResponse, error: z.ZodError): void {
  writeApiResult(response, refusalResult(new DomainError('VALIDATION_FAILED', 'request', issueDetails(error))));
}

function mailPage(context: DevContext, to: string | undefined): string {
  const mails = context.mail.list(to).reverse();
  const time = (iso: string) => new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  const rows = mails
    .map((mail) => `<tr><td>${escapeHtml(time(mail.sentAt))}</td><td>${escapeHtml(mail.to)}</td><td><a href="/dev/mail/${mail.id}">${escapeHtml(mail.subject)}</a></td></tr>`)
    .join('');
  const main = `<h1>本地邮件${to ? `：${escapeHtml(to)}` : ''}（${mails.length}）</h1>
<p class="muted">本地运行时代替真实邮件服务保存的全部外发邮件，最新的在前（北京时间）。JSON：<a href="/dev/mail">/dev/mail</a></p>
${mails.length === 0 ? '<div class="card">暂无邮件。</div>' : `<div class="card"><table><thead><tr><th>时间</th><th>收件人</th><th>主题</th></tr></thead><tbody>${rows}</tbody></table></div>`}`;
  return renderDocument({ title: '本地邮件', main, data: {} });
}

/** Handles `/dev/*`; returns false for other paths. */
export async function handleDev(context: DevContext, method: string, url: URL, body: Buffer, response: ServerResponse): Promise<boolean> {
  const path = url.pathname;
  if (!path.startsWith('/dev/')) return false;
  const parse = () => {
    try {
      return JSON.parse(body.toString('utf8') || '{}') as unknown;
    } catch {
      return undefined;
    }
  };
  if (method === 'GET' && path === '/dev/health') {
    json(response, 200, { ok: true, now: context.clock.now().toISOString() });
  } else if (method === 'POST' && path === '/dev/token') {
    const parsed = tokenBody.safeParse(parse());
    if (!parsed.success) invalid(response, parsed.error);
    else json(response, 200, { token: await context.auth.sign(parsed.data) });
  } else if (method === 'GET' && path === '/dev/mail') {
    const to = url.searchParams.get('to') ?? undefined;
    if ((url.searchParams.get('format') ?? '') === 'html' || (url.searchParams.get('view') ?? '') === '1') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(mailPage(context, to));
    } else {
      json(response, 200, { messages: context.mail.list(to) });
    }
  } else if (method === 'GET' && path.startsWith('/dev/mail/')) {
    const mail = context.mail.find(path.slice('/dev/mail/'.length));
    if (!mail) writeApiResult(response, cataloguedResult('NOT_FOUND', 'mail'));
    else response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(mail.html);
  } else if (method === 'POST' && path === '/dev/clock') {
    const parsed = clockBody.safeParse(parse());
    if (!parsed.success) invalid(response, parsed.error);
    else {
      context.clock.advance(parsed.data.advanceSeconds);
      await context.settle();
      json(response, 200, { now: context.clock.now().toISOString() });
    }
  } else {
    writeApiResult(response, cataloguedResult('NOT_FOUND', 'route'));
  }
  return true;
}
