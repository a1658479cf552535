/**
 * The SMTP mailer against a real SMTP server (smtp-server) on a loopback port: plain relay
 * with AUTH, mandatory STARTTLS with a self-signed certificate, refused logins.
 */
import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { SmtpDeliveryError, SmtpMailer } from '#shared/adapters/mail/smtp-mailer.js';
import { SecretsManagerSmtpSettings, type SmtpSettings } from '#shared/adapters/mail/smtp-settings.js';

/** Self-signed certificate for localhost and 127.0.0.1 (EC P-256, valid until 2126), for these tests only. */
const testKey = `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg1MPDvMB0uLAd6SgO
cbavmUslLeSu7tCkBEzGKKKbh0OhRANCAARsGh/8tkLWTB/Rzr7kfhOJO6tiO0lj
FahQjDRmQLHM0RLlixECCpZVc6jzuyqCjKE3XpoZdNFyIulsLTBt/ORj
-----END PRIVATE KEY-----
`;
const testCertificate = `-----BEGIN CERTIFICATE-----
MIIBnDCCAUGgAwIBAgIUHcBRcOGRPfvl/vM7fu5xRD6VeDswCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJbG9jYWxob3N0MCAXDTI2MTEyNTA0MDYyN1oYDzIxMjYxMTAx
MDQwNjI3WjAUMRIwEAYDVQQDDAlsb2NhbGhvc3QwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARsGh/8tkLWTB/Rzr7kfhOJO6tiO0ljFahQjDRmQLHM0RLlixECCpZV
c6jzuyqCjKE3XpoZdNFyIulsLTBt/ORjo28wbTAdBgNVHQ4EFgQUDSmXx4rekjys
savbRfTEbBvYQlYwHwYDVR0jBBgwFoAUDSmXx4rekjyssavbRfTEbBvYQlYwDwYD
VR0TAQH/BAUwAwEB/zAaBgNVHREEEzARgglsb2NhbGhvc3SHBH8AAAEwCgYIKoZI
zj0EAwIDSQAwRgIhAJlo7QHB1UrggWfUsx6HdMK0M1moCUTP+c17R8dOmSQLAiEA
s/3//imjip7zx3ub4hvBP7yrq+oRSMmHS06aDoTh5GA=
-----END CERTIFICATE-----
`;

const username = 'mailer';
const password = 'correct horse battery staple';
const from = 'noreply@cjrh.example.cn';

interface ReceivedMail {
  readonly mailFrom: string | undefined;
  readonly rcptTo: readonly string[];
  readonly user: string | undefined;
  readonly secure: boolean;
  readonly raw: string;
}

interface TestRelay {
  readonly port: number;
  readonly received: ReceivedMail[];
  close(): Promise<void>;
}

async function startRelay(options: Partial<SMTPServerOptions> = {}): Promise<TestRelay> {
  const received: ReceivedMail[] = [];
  const server = new SMTPServer({
    logger: false,
    authMethods: ['PLAIN', 'LOGIN'],
    key: testKey,
    cert: testCertificate,
    onAuth(auth, _session, callback) {
      if (auth.username === username && auth.password === password) callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : undefined,
          rcptTo: session.envelope.rcptTo.map((recipient) => recipient.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          secure: session.secure,
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
    ...options,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function settingsFor(relay: TestRelay, overrides: Partial<SmtpSettings> = {}): SmtpSettings {
  return { host: '127.0.0.1', port: relay.port, username, password, tls: true, ...overrides };
}

const message = {
  to: 'expert@example.cn',
  subject: '产教融合认定评审任务：请于5个工作日内完成',
  text: '您好，您有一项新的评审任务。\n请登录平台查看。',
  html: '<p>您好，您有一项新的<strong>评审任务</strong>。</p>',
};

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function relayAndMailer(
  relayOptions: Partial<SMTPServerOptions>,
  settings: (relay: TestRelay) => SmtpSettings,
  trusted = true,
): Promise<{ relay: TestRelay; mailer: SmtpMailer }> {
  const relay = await startRelay(relayOptions);
  cleanups.push(() => relay.close());
  const mailer = new SmtpMailer(async () => settings(relay), from, {
    connectionTimeoutMs: 5_000,
    greetingTimeoutMs: 5_000,
    socketTimeoutMs: 5_000,
    ...(trusted ? { trustedCertificates: [testCertificate] } : {}),
  });
  cleanups.push(() => mailer.close());
  return { relay, mailer };
}

describe('SmtpMailer', () => {
  it('delivers a Chinese message to a plain relay with AUTH when the settings say "tls": false', async () => {
    const { relay, mailer } = await relayAndMailer({ allowInsecureAuth: true, hideSTARTTLS: true }, (r) =>
      settingsFor(r, { tls: false }),
    );

    await mailer.send(message);

    expect(relay.received).toHaveLength(1);
    const [mail] = relay.received;
    expect(mail).toMatchObject({ mailFrom: from, rcptTo: [message.to], user: username, secure: false });
    const subjectHeader = /^Subject: (.*(?:\r\n[ \t].*)*)/m.exec(mail!.raw)?.[1] ?? '';
    expect(subjectHeader).toMatch(/^=\?UTF-8\?[BQ]\?/i);
    expect(subjectHeader).not.toMatch(/[^\x20-\x7e\r\n\t]/);
    const parsed = await simpleParser(mail!.raw);
    expect(parsed.subject).toBe(message.subject);
    expect(parsed.text?.trim()).toBe(message.text);
    expect(parsed.html).toContain(message.html);
    expect(parsed.from?.value[0]?.address).toBe(from);
  });

  it('upgrades with STARTTLS and authenticates over the encrypted connection', async () => {
    const { relay, mailer } = await relayAndMailer({}, (r) => settingsFor(r));

    await mailer.send(message);
    await mailer.send({ ...message, to: 'second@example.cn' });

    expect(relay.received.map((mail) => [mail.rcptTo, mail.secure, mail.user])).toEqual([
      [[message.to], true, username],
      [['second@example.cn'], true, username],
    ]);
  });

  it('refuses to send in plain text when the relay cannot do STARTTLS', async () => {
    const { relay, mailer } = await relayAndMailer({ disabledCommands: ['STARTTLS'], allowInsecureAuth: true }, (r) =>
      settingsFor(r),
    );

    await expect(mailer.send(message)).rejects.toThrow(/STARTTLS/);
    expect(relay.received).toHaveLength(0);
  });

  it('refuses a relay whose certificate it does not trust', async () => {
    const { relay, mailer } = await relayAndMailer({}, (r) => settingsFor(r), false);

    const failure = mailer.send(message);
    await expect(failure).rejects.toBeInstanceOf(SmtpDeliveryError);
    await expect(failure).rejects.toThrow(/certificate/i);
    expect(relay.received).toHaveLength(0);
  });

  it('rejects the send when the relay refuses the password', async () => {
    const { relay, mailer } = await relayAndMailer({}, (r) => settingsFor(r, { password: 'wrong' }));

    const failure = mailer.send(message);
    await expect(failure).rejects.toBeInstanceOf(SmtpDeliveryError);
    await expect(failure).rejects.toMatchObject({ code: 'SMTP_DELIVERY_FAILED', message: expect.stringMatching(/login|auth/i) });
    expect(relay.received).toHaveLength(0);
  });

  it('asks for the settings on every send, keeping its pool while they stay the same', async () => {
    const relay = await startRelay({});
    cleanups.push(() => relay.close());
    let loads = 0;
    const kept = settingsFor(relay);
    const mailer = new SmtpMailer(
      async () => {
        loads += 1;
        if (loads === 1) throw new Error('Secrets Manager is unreachable');
        return kept;
      },
      from,
      { trustedCertificates: [testCertificate] },
    );
    cleanups.push(() => mailer.close());

    await expect(mailer.send(message)).rejects.toThrow('Secrets Manager is unreachable');
    await mailer.send(message);
    await mailer.send(message);

    expect(loads).toBe(3);
    expect(relay.received).toHaveLength(2);
  });

  describe('after the SMTP secret is rotated', () => {
    /** A relay whose password can change, and a Secrets Manager client that answers with the secret as it is now. */
    async function rotatingSetup() {
      const state = { password: 'before-rotation', secret: '', logins: 0 };
      const relay = await startRelay({
        onAuth(auth, _session, callback) {
          state.logins += 1;
          if (auth.username === username && auth.password === state.password) callback(null, { user: auth.username });
          else callback(new Error('Invalid username or password'));
        },
      });
      cleanups.push(() => relay.close());
      const secretOf = (secretPassword: string) => JSON.stringify({ host: '127.0.0.1', port: relay.port, username, password: secretPassword });
      state.secret = secretOf(state.password);
      const client = new SecretsManagerClient({ region: 'cn-northwest-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
      let reads = 0;
      client.middlewareStack.add(
        () => async () => {
          reads += 1;
          return { output: { $metadata: {}, SecretString: state.secret }, response: {} };
        },
        { step: 'initialize', name: 'currentSecret' },
      );
      const settings = new SecretsManagerSmtpSettings(client, 'arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:cjrh/smtp-AbCdEf');
      const mailer = new SmtpMailer(() => settings.load(), from, { trustedCertificates: [testCertificate], settingsRejected: () => settings.forget() });
      cleanups.push(() => mailer.close());
      const rotate = (next: string, inSecret = next) => {
        state.password = next;
        state.secret = secretOf(inSecret);
      };
      return { relay, settings, mailer, state, rotate, reads: () => reads };
    }

    it('reads the secret again when the relay refuses the kept password, and sends with the new one', async () => {
      const { relay, settings, mailer, rotate, reads } = await rotatingSetup();
      await settings.load();
      rotate('after-rotation');

      await mailer.send(message);

      expect(reads()).toBe(2);
      expect(relay.received.map((mail) => mail.rcptTo)).toEqual([[message.to]]);
    });

    it('fails the send without trying again when the secret read afresh is still refused, and reads it again next time', async () => {
      const { relay, mailer, state, rotate, reads } = await rotatingSetup();
      rotate('relay-only', 'before-rotation');

      await expect(mailer.send(message)).rejects.toMatchObject({ code: 'SMTP_DELIVERY_FAILED' });
      expect(reads()).toBe(2);
      expect(state.logins).toBe(1);
      rotate('fixed');
      await mailer.send(message);
      expect(reads()).toBe(3);
      expect(relay.received).toHaveLength(1);
    });
  });
});
