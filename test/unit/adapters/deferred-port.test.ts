import { describe, expect, it } from 'vitest';
import { deferredPort } from '#functions/deferred-port.js';
import type { MailMessage, Mailer } from '#shared/ports/mailer.js';

/** A mailer that keeps what it is given (its methods use `this`, as the real adapters do). */
class KeepingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
  }
}

const message: MailMessage = { to: 'a@example.org', subject: '通知', text: '正文', html: '<p>正文</p>' };

describe('deferredPort', () => {
  it('loads its adapter on the first call, once, and forwards every call to it', async () => {
    const adapter = new KeepingMailer();
    let loads = 0;
    const mailer = deferredPort<Mailer>(async () => {
      loads += 1;
      return adapter;
    });
    expect(loads).toBe(0);
    await Promise.all([mailer.send(message), mailer.send({ ...message, to: 'b@example.org' })]);
    await mailer.send({ ...message, to: 'c@example.org' });
    expect(loads).toBe(1);
    expect(adapter.sent.map((sent) => sent.to)).toEqual(['a@example.org', 'b@example.org', 'c@example.org']);
  });

  it('passes the adapter’s own refusals on', async () => {
    const mailer = deferredPort<Mailer>(async () => ({ send: async () => Promise.reject(new Error('SES refused')) }));
    await expect(mailer.send(message)).rejects.toThrow('SES refused');
  });

  it('loads again after a failed load instead of keeping the failure', async () => {
    const adapter = new KeepingMailer();
    let loads = 0;
    const mailer = deferredPort<Mailer>(async () => {
      loads += 1;
      if (loads === 1) throw new Error('chunk not found');
      return adapter;
    });
    await expect(mailer.send(message)).rejects.toThrow('chunk not found');
    await mailer.send(message);
    expect(loads).toBe(2);
    expect(adapter.sent).toEqual([message]);
  });

  it('is not a thenable, so async code can return it', async () => {
    const mailer = deferredPort<Mailer>(async () => new KeepingMailer());
    expect(await Promise.resolve(mailer)).toBe(mailer);
  });
});
