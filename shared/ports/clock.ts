/** The source of "now" for everything outside the pure domain. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}
