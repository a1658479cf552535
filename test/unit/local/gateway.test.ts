import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { routes } from '#infra/definitions/catalog.js';
import { DevAuth } from '#infra/local/gateway/dev-auth.js';
import { matchRoute } from '#infra/local/gateway/route-table.js';
import { MailCatcher } from '#infra/local/mail-catcher.js';
import { RuntimeClock } from '#infra/local/runtime-clock.js';
import { scratchDir } from '#test/support/scratch-dir.js';

const scratch = () => scratchDir('gateway-');

describe('route selection', () => {
  it('finds every catalogue route by a concrete path, with its decoded parameters', () => {
    for (const route of routes) {
      const path = route.path.replace(/\{([^}]+)\}/g, (_match, name: string) => `${name}-值`);
      const match = matchRoute(route.method, encodeURI(path));
      expect(match?.routeKey).toBe(`${route.method} ${route.path}`);
      for (const name of route.path.match(/\{([^}]+)\}/g) ?? []) {
        const key = name.slice(1, -1);
        expect(match?.pathParameters[key]).toBe(`${key}-值`);
      }
    }
  });

  it('prefers literal segments to parameters and matches methods exactly', () => {
    expect(matchRoute('POST', '/api/admin/experts/import')?.routeKey).toBe('POST /api/admin/experts/import');
    expect(matchRoute('GET', '/api/admin/rounds/r1/export.xlsx')?.routeKey).toBe('GET /api/admin/rounds/{id}/export.xlsx');
    expect(matchRoute('PUT', '/api/programs')).toBeUndefined();
    expect(matchRoute('GET', '/api/programs/a/b')).toBeUndefined();
  });
});

describe('the runtime clock', () => {
  it('only moves forward and keeps its offset across restarts', () => {
    const file = join(scratch(), 'clock.json');
    const clock = new RuntimeClock(file);
    const before = clock.now().getTime();
    clock.advance(86_400);
    expect(clock.now().getTime() - before).toBeGreaterThanOrEqual(86_400_000);
    expect(new RuntimeClock(file).now().getTime()).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});

describe('the mail catcher', () => {
  it('stores mail with its links, filters by recipient and keeps it across restarts', async () => {
    const file = join(scratch(), 'mail.jsonl');
    const clock = new RuntimeClock(join(scratch(), 'clock.json'));
    const catcher = new MailCatcher(file, clock);
    await catcher.send({ to: 'A@x.test', subject: '评审邀请', text: '进入评审：http://localhost:3000/review/abc）', html: '<p/>' });
    await catcher.send({ to: 'b@x.test', subject: '其他', text: '无链接', html: '<p/>' });
    expect(catcher.list('a@x.test').map((mail) => mail.links)).toEqual([['http://localhost:3000/review/abc']]);
    const reloaded = new MailCatcher(file, clock);
    expect(reloaded.list().map((mail) => mail.subject)).toEqual(['评审邀请', '其他']);
    expect(reloaded.find(catcher.list()[1]!.id)?.to).toBe('b@x.test');
  });
});

describe('the dev sign-in', () => {
  it('issues tokens it verifies, which expire on the runtime clock and fail with another key', async () => {
    const directory = scratch();
    const clock = new RuntimeClock(join(directory, 'clock.json'));
    const auth = await DevAuth.open(join(directory, 'key.json'), 'http://localhost:3000/dev', clock);
    const token = await auth.sign({ role: 'institution', orgId: 'org-1' });
    expect(await auth.verify(`Bearer ${token}`)).toMatchObject({ role: 'institution', orgId: 'org-1', sub: 'inst-org-1' });
    expect(await auth.verify(token)).toBeUndefined();
    expect(await auth.verify(undefined)).toBeUndefined();
    const other = await DevAuth.open(join(scratch(), 'key.json'), 'http://localhost:3000/dev', clock);
    expect(await other.verify(`Bearer ${token}`)).toBeUndefined();
    clock.advance(13 * 3600);
    expect(await auth.verify(`Bearer ${token}`)).toBeUndefined();
  });
});
