/**
 * The README's curl block, pasted as one block: it is taken from README.md as it stands and run
 * by bash against a fresh runtime with the demo data (as `npm start` gives), and must end with
 * the round published and its notice downloadable. The ready banner the README's browser
 * walkthrough starts from names the pages each audience opens, and they are served.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoInstitutions } from '#infra/local/demo-data.js';
import { callApi, devToken, eventually } from '../support/http-client.js';
import { startRuntimeProcess, type RuntimeProcess } from '../support/runtime-process.js';

/** The shell block of the README's "The pipeline by hand (curl)" section, verbatim. */
function readmeCurlBlock(readme: string): string {
  const section = readme.slice(readme.indexOf('## The pipeline by hand (curl)'));
  const block = /```sh\n([\s\S]*?)\n```/.exec(section)?.[1];
  if (!block) throw new Error('no sh block in the README section');
  return block;
}

function runBash(script: string, options: { cwd: string; env: Record<string, string> }): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn('bash', ['-s'], { cwd: options.cwd, env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('close', (code) => done({ code, stdout, stderr }));
    child.stdin.end(script);
  });
}

let runtime: RuntimeProcess;
const workDir = mkdtempSync(join(tmpdir(), 'cjrh-readme-'));

beforeAll(async () => {
  runtime = await startRuntimeProcess({ demo: true });
});

afterAll(async () => {
  await runtime?.dispose();
  rmSync(workDir, { recursive: true, force: true });
});

describe('the README curl block', () => {
  it('passes when pasted as one block: the round is published and the notice downloads', async () => {
    const block = readmeCurlBlock(readFileSync(new URL('../../README.md', import.meta.url), 'utf8'));
    expect(block).toContain('B=${B:-http://localhost:3000}');
    const result = await runBash(block, { cwd: workDir, env: { B: runtime.baseUrl } });

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    // Every answer the block prints is a success: no error body anywhere (INVALID_STATE was the bug).
    expect(result.stdout).not.toContain('"error"');
    expect(result.stdout).toContain('"recognized":[{');

    const admin = await devToken(runtime.baseUrl, { role: 'admin' });
    const rounds = (await callApi(runtime.baseUrl, 'GET', '/api/admin/rounds', { token: admin })).body.rounds as { id: string; title: string; status: string }[];
    const round = rounds.find((item) => item.title === '2026年市域产教联合体认定');
    expect(round?.status).toBe('published');
    const results = await callApi(runtime.baseUrl, 'GET', `/api/public/rounds/${round!.id}/results`);
    expect(results.body).toMatchObject({ noticeNumber: '桂教职成〔2026〕8号', recognized: [{ applicant: '柳州市人民政府', title: '柳州汽车产业市域产教联合体' }] });
    const notice = readFileSync(join(workDir, 'notice.pdf'));
    expect(notice.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await PDFDocument.load(notice)).getPageCount()).toBeGreaterThanOrEqual(1);
  }, 180_000);

  it('prints, once ready, where each audience starts in the browser, and serves each of those pages', async () => {
    const base = runtime.baseUrl;
    const banner = await eventually(async () => (runtime.output().includes('Over HTTP') ? runtime.output() : undefined), 'the ready banner');
    const roundId = /\/console\/rounds\/(\S+)/.exec(banner)?.[1];
    expect(roundId).toBeDefined();
    const pages = ['/signin', '/console', '/portal', '/dev/mail?view=1', `/console/rounds/${roundId}`, `/publicity/${roundId}`, `/results/${roundId}`];
    for (const path of pages) {
      expect(banner).toContain(`${base}${path}`);
      const page = await fetch(`${base}${path}`);
      expect({ path, status: page.status, type: page.headers.get('content-type') }).toEqual({ path, status: 200, type: expect.stringContaining('text/html') });
    }
    for (const org of demoInstitutions) expect(banner).toContain(`${org.orgId} ${org.name}`);
  });
});
