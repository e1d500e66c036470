import { availableParallelism } from 'node:os';

/** Too many password checks are already waiting: the caller should answer 429 at once. */
export class HashQueueFull extends Error {
  // The error handler answers a 429 as `rate_limited` with its standard sentence.
  readonly statusCode = 429;

  constructor() {
    super('too many password checks waiting');
  }
}

/**
 * A small semaphore for argon2 work. Each hash is ~19 MiB and a full core for ~12 ms; run
 * unbounded on libuv's pool (4 threads, shared with fs and crypto) a sign-in storm takes every
 * core from the event loop and every send stalls. At most `slots` run at once (a core is left
 * for the event loop); beyond that they queue, and past `maxWaiting` `run` refuses at once.
 */
export class HashSlots {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    readonly slots: number,
    readonly maxWaiting: number,
  ) {}

  /** Runs `work` when a slot is free; `bounded` callers are refused (HashQueueFull) when the queue is full. */
  async run<T>(work: () => Promise<T>, bounded = true): Promise<T> {
    if (this.running >= this.slots) {
      if (bounded && this.waiting.length >= this.maxWaiting) throw new HashQueueFull();
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    } else {
      this.running += 1;
    }
    try {
      return await work();
    } finally {
      // Hand the slot straight to the next in line, or free it.
      const next = this.waiting.shift();
      if (next) next();
      else this.running -= 1;
    }
  }
}

/** The process's argon2 slots: one core left for the event loop, at least one for hashing. */
export const hashSlots = new HashSlots(Math.max(1, availableParallelism() - 1), 32);
