import { describe, expect, it } from 'vitest';
import { MailConfigurationError, parseMailTransport } from '#shared/adapters/mail/mail-transport.js';

describe('parseMailTransport', () => {
  it('sends through SES when MAIL_TRANSPORT is unset or empty', () => {
    expect(parseMailTransport(undefined)).toBe('ses');
    expect(parseMailTransport('')).toBe('ses');
  });

  it('accepts ses and smtp', () => {
    expect(parseMailTransport('ses')).toBe('ses');
    expect(parseMailTransport('smtp')).toBe('smtp');
  });

  it('explains that capture belongs to the local runtime', () => {
    expect(() => parseMailTransport('capture')).toThrow(/local runtime/);
  });

  it('refuses any other transport with a configuration error', () => {
    expect(() => parseMailTransport('pigeon')).toThrow(MailConfigurationError);
    expect(() => parseMailTransport('SMTP')).toThrow('MAIL_TRANSPORT "SMTP" is not supported: use "ses" or "smtp".');
  });
});
