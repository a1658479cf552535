/** Outgoing e-mail (SES, or SMTP where SES is absent, in AWS; captured and shown at /dev/mail locally). */
export interface MailMessage {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly html: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}
