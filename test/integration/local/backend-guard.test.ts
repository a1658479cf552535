/**
 * The backends behind the emulator fronts serve only calls that present the runtime's backend
 * token: s3rver (which checks no signature and serves anonymous calls) and any guarded server.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { BackendToken, backendTokenHeader } from '#infra/local/auth/backend-guard.js';
import { startS3rverBackend } from '#infra/local/s3/s3rver-backend.js';

describe('the backend guard', () => {
  it('answers 403 without the token and passes the call on, without the header, with it', async () => {
    const seen: (string | undefined)[] = [];
    const server = createServer((request, response) => {
      seen.push(request.headers[backendTokenHeader] as string | undefined);
      response.end('served');
    });
    const token = new BackendToken();
    token.guard(server);
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', () => done()));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    try {
      expect((await fetch(url)).status).toBe(403);
      expect((await fetch(url, { headers: { [backendTokenHeader]: new BackendToken().header()[backendTokenHeader] as string } })).status).toBe(403);
      const served = await fetch(url, { headers: token.header() as Record<string, string> });
      expect([served.status, await served.text()]).toEqual([200, 'served']);
      expect(seen).toEqual([undefined]);
    } finally {
      await new Promise<void>((done) => server.close(() => done()));
    }
  });

  it('keeps s3rver to its owner: anonymous calls to its port get 403, its own client is served', async () => {
    const directory = await mkdtemp(path.join(tmpdir(), 's3rver-guard-'));
    const credentials = { accessKeyId: 'LKIAGUARDGUARDGUARDG', secretAccessKey: 'Z3VhcmQtZ3VhcmQtZ3VhcmQtZ3VhcmQtZ3VhcmQt' };
    const backend = await startS3rverBackend({ directory, bucket: 'evidence', credentials, region: 'us-east-1' });
    try {
      await backend.client.send(new PutObjectCommand({ Bucket: 'evidence', Key: 'a.txt', Body: Buffer.from('kept') }));
      const base = `http://${backend.address.host}:${backend.address.port}`;
      expect((await fetch(`${base}/evidence/a.txt`)).status).toBe(403);
      expect((await fetch(`${base}/evidence/a.txt`, { method: 'PUT', body: 'overwritten' })).status).toBe(403);
      expect((await fetch(`${base}/evidence?list-type=2`)).status).toBe(403);
      const kept = await backend.client.send(new GetObjectCommand({ Bucket: 'evidence', Key: 'a.txt' }));
      expect(await kept.Body!.transformToString()).toBe('kept');
    } finally {
      await backend.close();
      await rm(directory, { recursive: true, force: true });
    }
  });
});
