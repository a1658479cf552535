/**
 * Browser-test harness for the server-rendered pages: a tiny HTTP server that serves pages
 * through the `webPages` Lambda handler (as API Gateway would) and answers `/api/…` with a
 * test's fake, and headless Chromium from `@sparticuz/chromium` driven by playwright-core with
 * background networking off (the machine has no network) and a fresh profile.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import chromium from '@sparticuz/chromium';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { chromium as playwright, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { OrganizationKind } from '#shared/domain/organization-kinds.js';
import { devToken } from '../support/http-client.js';

/** What the fake API answers. */
export interface FakeAnswer {
  readonly status: number;
  readonly body: unknown;
}

/** A fake of the JSON API: method, decoded path and parsed JSON body in, answer out. */
export type FakeApi = (method: string, path: string, body: unknown) => FakeAnswer;

/** A page opened in the browser, with the script errors it reported. */
export interface OpenedPage {
  readonly page: Page;
  readonly problems: string[];
}

export interface PageHarness {
  readonly baseUrl: string;
  readonly context: BrowserContext;
  open(path: string): Promise<OpenedPage>;
  close(): Promise<void>;
}

type PageHandler = (event: unknown, context: unknown) => Promise<unknown>;

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function servePage(handler: PageHandler, request: IncomingMessage, response: ServerResponse, path: string): Promise<void> {
  const headers = Object.fromEntries(Object.entries(request.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(',') : (value ?? '')]));
  const event = {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: { http: { method: request.method ?? 'GET', path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: headers['user-agent'] ?? '' }, authorizer: {} },
    isBase64Encoded: false,
  };
  const result = (await handler(event, {})) as APIGatewayProxyStructuredResultV2;
  response.writeHead(result.statusCode ?? 200, result.headers as Record<string, string>);
  response.end(result.isBase64Encoded ? Buffer.from(result.body ?? '', 'base64') : (result.body ?? ''));
}

/** A fontconfig file that adds the Noto Sans SC of the npm package, so screenshots show Chinese. */
function fontConfig(directory: string): string | undefined {
  try {
    const require = createRequire(import.meta.url);
    const regular = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'));
    const bold = dirname(require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'));
    const file = join(directory, 'fonts.conf');
    writeFileSync(
      file,
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig><dir>${regular}</dir><dir>${bold}</dir>` +
        `<include ignore_missing="yes">/etc/fonts/fonts.conf</include><cachedir>${join(directory, 'font-cache')}</cachedir></fontconfig>\n`,
    );
    return file;
  } catch {
    return undefined;
  }
}

/**
 * The Chromium binary, unpacked once into the temp directory. Test files run in parallel
 * processes, so the first unpacking is serialised with a lock directory (a stale lock is
 * ignored after a minute).
 */
async function chromiumExecutable(): Promise<string> {
  const lock = join(tmpdir(), 'sparticuz-chromium.lock');
  for (let attempt = 0; attempt < 600; attempt += 1) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      await sleep(100);
    }
  }
  try {
    return await chromium.executablePath();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Starts the server and the browser. `api` is called per request, so a test may swap its fake.
 * Paths under `/files/` answer a tiny PDF (evidence download links).
 */
export async function startPageHarness(api: () => FakeApi): Promise<PageHarness> {
  const { handler } = (await import('#functions/web/pages.js')) as unknown as { handler: PageHandler };
  const server = createServer((request, response) => {
    const serve = async () => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      const path = decodeURIComponent(url.pathname);
      if (path.startsWith('/files/')) {
        response.writeHead(200, { 'content-type': 'application/pdf' });
        response.end('%PDF-1.4\n');
        return;
      }
      if (!path.startsWith('/api/')) return servePage(handler, request, response, url.pathname);
      const text = await readBody(request);
      const answer = api()(request.method ?? 'GET', path, text ? JSON.parse(text) : undefined);
      response.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' });
      response.end(JSON.stringify(answer.body));
    };
    serve().catch((error: unknown) => {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await launchBrowser();
  const context = browser.context;
  return {
    baseUrl,
    context,
    open: (path) => browser.open(baseUrl + path),
    async close() {
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '../..');

/** Signs every page of the harness in as a clerk of `org` (a fake session in sessionStorage; the fake API accepts any token). */
export async function signInFakeInstitution(harness: PageHarness, org: { readonly orgId: string; readonly name: string }): Promise<void> {
  const claims = { role: 'institution', sub: 'clerk-1', orgId: org.orgId, name: org.name, exp: 4_102_444_800 };
  const token = ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');
  const session = { token, role: 'institution', orgId: claims.orgId, name: claims.name, expiresAt: claims.exp * 1000 };
  await harness.context.addInitScript(`sessionStorage.setItem('cjrh.session', ${JSON.stringify(JSON.stringify(session))})`);
}

/** A fake staff API of a test file: a fresh one per test, answering each request. */
export interface RecordingFake {
  answer(method: string, path: string, body: unknown): FakeAnswer;
}

/**
 * Console pages against a fake staff API, signed in as staff without the sign-in page (an
 * unsigned token with the claims the pages read; the fake checks nothing): one harness per test
 * file, a fresh fake from `makeFake` and a closed page after each test.
 *
 * @example
 * const staff = useFakeStaffPages(() => new FakeStaffApi());
 * const { page } = await staff.open('/console/rounds/r1');
 */
export function useFakeStaffPages<Fake extends RecordingFake>(makeFake: () => Fake): { fake(): Fake; open(path: string): Promise<OpenedPage> } {
  const claims = { role: 'admin', sub: 'staff-1', name: '韦处长', exp: 4_102_444_800 };
  const token = ['e30', Buffer.from(JSON.stringify(claims)).toString('base64url'), 'sig'].join('.');
  const session = { token, role: 'admin', name: claims.name, expiresAt: claims.exp * 1000 };
  let fake = makeFake();
  let harness: PageHarness | undefined;
  const opened: Page[] = [];
  beforeAll(async () => {
    harness = await startPageHarness(() => (method, path, body) => fake.answer(method, path, body));
    await harness.context.addInitScript(`sessionStorage.setItem('cjrh.session', ${JSON.stringify(JSON.stringify(session))})`);
  });
  afterAll(async () => {
    await harness?.close();
  });
  afterEach(async () => {
    for (const page of opened.splice(0)) await page.close();
    fake = makeFake();
  });
  return {
    fake: () => fake,
    async open(path) {
      const page = await harness!.open(path);
      opened.push(page.page);
      return page;
    },
  };
}

/**
 * Saves a full-page screenshot of `page` as `test-results/<name>.png` (git-ignored), the record
 * of what each page looked like in the run; returns its path.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  const directory = join(projectRoot, 'test-results');
  mkdirSync(directory, { recursive: true });
  const file = join(directory, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * The page's full width in CSS pixels (`document.documentElement.scrollWidth`): at most the
 * viewport's width when nothing overflows sideways (the phone check of every page).
 */
export async function documentWidth(page: Page): Promise<number> {
  return page.evaluate<number>('document.documentElement.scrollWidth');
}

/**
 * Signs in through `/signin` as a person picks a role there (the dev issuer of the local
 * runtime): `身份`, `单位编号` for institutions, `登录`; resolves once the landing page shows
 * `退出登录`. An institution's organisation without a profile gets one first, as {@link devToken}
 * gives it (`kind: null` leaves it without).
 */
export async function signInThroughPage(
  browser: Browser,
  baseUrl: string,
  who: { readonly role: 'admin' | 'institution'; readonly orgId?: string; readonly name?: string; readonly kind?: OrganizationKind | null },
): Promise<OpenedPage> {
  if (who.role === 'institution' && who.orgId) await devToken(baseUrl, { role: who.role, orgId: who.orgId, kind: who.kind === undefined ? 'city_government' : who.kind });
  const opened = await browser.open(`${baseUrl}/signin`);
  const { page } = opened;
  await page.getByLabel('身份').selectOption({ label: who.role === 'admin' ? '管理员' : '申报单位' });
  if (who.orgId) await page.getByLabel('单位编号').fill(who.orgId);
  if (who.name) await page.getByLabel('姓名').fill(who.name);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('button', { name: '退出登录' }).waitFor();
  return opened;
}

/** Headless Chromium with a fresh profile; pages opened through it collect script errors. */
export interface Browser {
  readonly context: BrowserContext;
  open(url: string): Promise<OpenedPage>;
  close(): Promise<void>;
}

/**
 * Launches one browser for the calling test file (beforeAll) and closes it (afterAll); returns
 * a getter for it, like `useRuntimeProcess()`.
 */
export function useBrowser(): () => Browser {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return () => {
    if (!browser) throw new Error('the browser is not launched yet');
    return browser;
  };
}

/** Launches headless Chromium (no network, fresh profile, Chinese font, a non-Beijing time zone) with the 1366×768 window of an office PC (UI.md). */
export async function launchBrowser(): Promise<Browser> {
  const userDataDir = mkdtempSync(join(tmpdir(), 'web-pages-'));
  const fonts = fontConfig(userDataDir);
  const context = await playwright.launchPersistentContext(join(userDataDir, 'profile'), {
    executablePath: await chromiumExecutable(),
    headless: true,
    args: ['--headless=new', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    env: { ...process.env, ...(fonts ? { FONTCONFIG_FILE: fonts } : {}) },
    viewport: { width: 1366, height: 768 },
    locale: 'zh-CN',
    // a zone other than Beijing, so the pages must convert times themselves
    timezoneId: 'Europe/Berlin',
  });
  return {
    context,
    async open(url) {
      const page = await context.newPage();
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      page.on('console', (message) => {
        // the browser logs every 4xx answer; the tests provoke some on purpose
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource')) problems.push(message.text());
      });
      await page.goto(url);
      return { page, problems };
    },
    async close() {
      await context.close();
      rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
