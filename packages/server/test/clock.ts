import type { Clock } from '../src/clock';

/** A clock a test moves by hand: the time rules run without sleeping. */
export class TestClock implements Clock {
  constructor(private ms = Date.now()) {}

  now(): Date {
    return new Date(this.ms);
  }

  /** Sets the time (a day of the week the test names, e.g. a Friday evening). */
  set(iso: string): void {
    this.ms = Date.parse(iso);
  }

  /** Moves the time forward. */
  advance(ms: number): void {
    this.ms += ms;
  }
}
