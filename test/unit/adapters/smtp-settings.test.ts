import { SecretsManagerClient, type GetSecretValueCommandOutput } from '@aws-sdk/client-secrets-manager';
import { describe, expect, it } from 'vitest';
import { parseSmtpSettings, SecretsManagerSmtpSettings, SmtpSettingsError } from '#shared/adapters/mail/smtp-settings.js';

const secretArn = 'arn:aws-cn:secretsmanager:cn-northwest-1:123456789012:secret:cjrh/smtp-AbCdEf';

function failure(json: string): SmtpSettingsError {
  try {
    parseSmtpSettings(json);
  } catch (error) {
    if (error instanceof SmtpSettingsError) return error;
    throw error;
  }
  throw new Error('expected the settings to be refused');
}

describe('parseSmtpSettings', () => {
  it('reads host, port, username and password, and requires TLS by default', () => {
    expect(parseSmtpSettings('{"host":"smtp.example.cn","port":587,"username":"mailer","password":"s3cret"}')).toEqual({
      host: 'smtp.example.cn',
      port: 587,
      username: 'mailer',
      password: 's3cret',
      tls: true,
    });
  });

  it('accepts the string values the console secret editor stores', () => {
    expect(parseSmtpSettings('{"host":"relay.internal","port":"25","username":"u","password":"p","tls":"false"}')).toMatchObject({
      port: 25,
      tls: false,
    });
  });

  it('names every missing field', () => {
    const error = failure('{"host":"smtp.example.cn"}');
    expect(error.code).toBe('SMTP_SETTINGS_INVALID');
    expect(error.message).toContain('"port" is missing');
    expect(error.message).toContain('"username" is missing');
    expect(error.message).toContain('"password" is missing');
  });

  it('explains fields of the wrong kind without repeating their values', () => {
    const error = failure('{"host":"","port":"smtp","username":"u","password":"hunter2-secret","tls":"maybe"}');
    expect(error.message).toContain('"host" must be a non-empty string');
    expect(error.message).toContain('"port" must be a whole number between 1 and 65535');
    expect(error.message).toContain('"tls" must be true or false');
    expect(error.message).not.toContain('hunter2');
  });

  it('refuses ports outside 1–65535', () => {
    expect(failure('{"host":"h","port":70000,"username":"u","password":"p"}').message).toContain('"port" must be');
    expect(failure('{"host":"h","port":0,"username":"u","password":"p"}').message).toContain('"port" must be');
  });

  it('refuses plain text on the implicit-TLS port 465', () => {
    expect(failure('{"host":"h","port":465,"username":"u","password":"p","tls":false}').message).toContain('port 465');
  });

  it('refuses text that is not JSON, or JSON that is not an object', () => {
    expect(failure('host=smtp.example.cn').message).toMatch(/not valid JSON/);
    expect(failure('"smtp.example.cn:587"').message).toMatch(/expected a JSON object/);
    expect(failure('null').message).toMatch(/expected a JSON object/);
  });
});

/** A real client whose requests stop before the network and answer with the given outputs in turn. */
function clientAnswering(...answers: Array<Partial<GetSecretValueCommandOutput> | Error>): {
  client: SecretsManagerClient;
  requests: unknown[];
} {
  const client = new SecretsManagerClient({ region: 'cn-northwest-1', credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  const requests: unknown[] = [];
  client.middlewareStack.add(
    (_next, context) => async (args) => {
      requests.push({ command: context.commandName, input: args.input });
      const answer = answers[requests.length - 1];
      if (!answer) throw new Error('no more answers');
      if (answer instanceof Error) throw answer;
      return { output: { $metadata: {}, ...answer }, response: {} };
    },
    { step: 'initialize', name: 'cannedSecretAnswer' },
  );
  return { client, requests };
}

describe('SecretsManagerSmtpSettings', () => {
  const good = '{"host":"smtp.example.cn","port":465,"username":"mailer","password":"p"}';

  it('fetches the secret once and keeps the parsed settings', async () => {
    const { client, requests } = clientAnswering({ SecretString: good });
    const settings = new SecretsManagerSmtpSettings(client, secretArn);

    const [first, second] = await Promise.all([settings.load(), settings.load()]);
    const third = await settings.load();

    expect(first).toMatchObject({ host: 'smtp.example.cn', port: 465, tls: true });
    expect(second).toBe(first);
    expect(third).toBe(first);
    expect(requests).toEqual([{ command: 'GetSecretValueCommand', input: { SecretId: secretArn } }]);
  });

  it('reads the secret again once the kept settings are 5 minutes old, or after forget()', async () => {
    const rotated = good.replace('"p"', '"rotated"');
    const { client, requests } = clientAnswering({ SecretString: good }, { SecretString: rotated }, { SecretString: good });
    let now = 0;
    const settings = new SecretsManagerSmtpSettings(client, secretArn, { now: () => now });

    await expect(settings.load()).resolves.toMatchObject({ password: 'p' });
    now = 5 * 60_000 - 1;
    await expect(settings.load()).resolves.toMatchObject({ password: 'p' });
    now = 5 * 60_000;
    await expect(settings.load()).resolves.toMatchObject({ password: 'rotated' });
    settings.forget();
    await expect(settings.load()).resolves.toMatchObject({ password: 'p' });
    expect(requests).toHaveLength(3);
  });

  it('reads a binary secret as UTF-8 JSON', async () => {
    const { client } = clientAnswering({ SecretBinary: new TextEncoder().encode(good) });
    await expect(new SecretsManagerSmtpSettings(client, secretArn).load()).resolves.toMatchObject({ username: 'mailer' });
  });

  it('tries again after a failed read instead of caching the failure', async () => {
    const { client, requests } = clientAnswering(new Error('connect ETIMEDOUT'), { SecretString: good });
    const settings = new SecretsManagerSmtpSettings(client, secretArn);

    await expect(settings.load()).rejects.toThrow('ETIMEDOUT');
    await expect(settings.load()).resolves.toMatchObject({ host: 'smtp.example.cn' });
    expect(requests).toHaveLength(2);
  });

  it('names the secret when its content is malformed', async () => {
    const { client } = clientAnswering({ SecretString: '{"host":"smtp.example.cn"}' });
    const load = new SecretsManagerSmtpSettings(client, secretArn).load();

    await expect(load).rejects.toBeInstanceOf(SmtpSettingsError);
    await expect(load).rejects.toThrow(`(secret ${secretArn})`);
  });

  it('refuses a secret without a value', async () => {
    const { client } = clientAnswering({});
    await expect(new SecretsManagerSmtpSettings(client, secretArn).load()).rejects.toThrow(/has no value/);
  });
});
