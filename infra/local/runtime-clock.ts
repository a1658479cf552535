/**
 * The local runtime's controllable clock: real time plus an offset that only moves forward
 * (`POST /dev/clock`). The offset is persisted so that a restart keeps the same "now".
 */
import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Clock } from '#shared/ports/clock.js';

export class RuntimeClock implements Clock {
  private offsetMs: number;

  constructor(private readonly file: string) {
    this.offsetMs = RuntimeClock.load(file);
  }

  private static load(file: string): number {
    try {
      const parsed = JSON.parse(readFileSync(file, 'utf8')) as { offsetMs?: unknown };
      return typeof parsed.offsetMs === 'number' ? parsed.offsetMs : 0;
    } catch {
      return 0;
    }
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Moves the clock forward by `seconds` and persists the new offset. */
  advance(seconds: number): Date {
    if (!(seconds >= 0)) throw new RangeError('the clock only moves forward');
    this.offsetMs += seconds * 1000;
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify({ offsetMs: this.offsetMs }));
    renameSync(`${this.file}.tmp`, this.file);
    return this.now();
  }
}
