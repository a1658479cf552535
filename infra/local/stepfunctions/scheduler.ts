import type { Clock } from '#shared/ports/clock.js';

interface Entry {
  dueAt: number;
  fire: () => void;
}

const maxTimerDelayMs = 2 ** 31 - 1;

/**
 * Timers on the runtime clock. Entries are keyed so they can be replaced or cancelled;
 * {@link Scheduler.fireDue} fires everything due by `clock.now()`, and one real
 * (unref'd) timer stays armed for the earliest entry so waits also fire as real time passes.
 *
 * @example scheduler.schedule('exec#t1#wait', clock.now().getTime() + 5000, () => resumeWait());
 */
export class Scheduler {
  private readonly entries = new Map<string, Entry>();
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  /** Creates a scheduler; `onError` receives exceptions thrown by fired callbacks. */
  constructor(
    private readonly clock: Clock,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Schedules (or reschedules) the callback under `key` for the instant `dueAt` (epoch ms). */
  schedule(key: string, dueAt: number, fire: () => void): void {
    this.entries.set(key, { dueAt, fire });
    this.arm();
  }

  /** Cancels the entry under `key`, if any. */
  cancel(key: string): void {
    if (this.entries.delete(key)) this.arm();
  }

  /** Whether some entry is due now. */
  hasDue(): boolean {
    const now = this.clock.now().getTime();
    for (const entry of this.entries.values()) if (entry.dueAt <= now) return true;
    return false;
  }

  /** Fires every due entry, earliest first (including ones that become due meanwhile); returns how many fired. */
  fireDue(): number {
    let fired = 0;
    for (;;) {
      const now = this.clock.now().getTime();
      const due = [...this.entries].filter(([, entry]) => entry.dueAt <= now).sort(([, a], [, b]) => a.dueAt - b.dueAt);
      if (due.length === 0 || this.closed) break;
      for (const [key, entry] of due) {
        if (this.entries.get(key) !== entry) continue;
        this.entries.delete(key);
        fired += 1;
        try {
          entry.fire();
        } catch (error) {
          this.onError(error);
        }
      }
    }
    this.arm();
    return fired;
  }

  /** Stops the real timer; nothing fires afterwards. */
  close(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private arm(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.closed || this.entries.size === 0) return;
    let earliest = Number.POSITIVE_INFINITY;
    for (const entry of this.entries.values()) earliest = Math.min(earliest, entry.dueAt);
    const delay = Math.min(Math.max(0, earliest - this.clock.now().getTime()), maxTimerDelayMs);
    this.timer = setTimeout(() => this.fireDue(), delay);
    this.timer.unref();
  }
}
