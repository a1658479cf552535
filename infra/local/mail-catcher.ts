/**
 * The local mail catcher: a {@link Mailer} that stores every message (one JSON line each,
 * under the data directory) for `GET /dev/mail` and the browser view.
 */
import { appendFileSync, mkdirSync, readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { dirname } from 'node:path';
import type { Clock } from '#shared/ports/clock.js';
import type { Mailer, MailMessage } from '#shared/ports/mailer.js';

export interface CapturedMail extends MailMessage {
  readonly id: string;
  readonly links: string[];
  readonly sentAt: string;
}

const linkPattern = /https?:\/\/[^\s"'<>）)]+/g;

export class MailCatcher implements Mailer {
  private readonly messages: CapturedMail[];

  constructor(
    private readonly file: string,
    private readonly clock: Clock,
    private readonly onMail: (mail: CapturedMail) => void = () => undefined,
  ) {
    this.messages = MailCatcher.load(file);
  }

  private static load(file: string): CapturedMail[] {
    try {
      return readFileSync(file, 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as CapturedMail);
    } catch {
      return [];
    }
  }

  async send(message: MailMessage): Promise<void> {
    const mail: CapturedMail = {
      id: randomUUID(),
      ...message,
      links: [...new Set(message.text.match(linkPattern) ?? [])],
      sentAt: this.clock.now().toISOString(),
    };
    mkdirSync(dirname(this.file), { recursive: true });
    appendFileSync(this.file, `${JSON.stringify(mail)}\n`);
    this.messages.push(mail);
    this.onMail(mail);
  }

  /** Captured mail, oldest first, optionally only to one address. */
  list(to?: string): CapturedMail[] {
    const wanted = to?.trim().toLowerCase();
    return wanted ? this.messages.filter((mail) => mail.to.toLowerCase() === wanted) : [...this.messages];
  }

  find(id: string): CapturedMail | undefined {
    return this.messages.find((mail) => mail.id === id);
  }
}
