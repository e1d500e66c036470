import { describe, expect, it } from 'vitest';
import { HashQueueFull, HashSlots } from './hash-slots';

/** Work that finishes when told to, and counts how many run at once. */
function gate() {
  let active = 0;
  let peak = 0;
  const releases: (() => void)[] = [];
  const work = () =>
    new Promise<number>((resolve) => {
      active += 1;
      peak = Math.max(peak, active);
      releases.push(() => {
        active -= 1;
        resolve(peak);
      });
    });
  const releaseAll = async () => {
    while (releases.length > 0 || active > 0) {
      releases.splice(0).forEach((release) => release());
      await new Promise((r) => setImmediate(r));
    }
  };
  return { work, releaseAll, peak: () => peak };
}

describe('hash slots', () => {
  it('runs at most `slots` at once and the rest in turn', async () => {
    const slots = new HashSlots(2, 10);
    const g = gate();
    const all = Promise.all(Array.from({ length: 6 }, () => slots.run(g.work)));
    await g.releaseAll();
    await all;
    expect(g.peak()).toBe(2);
  });

  it('refuses bounded work at once when the queue is full, but queues unbounded work', async () => {
    const slots = new HashSlots(1, 2);
    const g = gate();
    const accepted = [slots.run(g.work), slots.run(g.work), slots.run(g.work)];
    await expect(slots.run(g.work)).rejects.toBeInstanceOf(HashQueueFull);
    const unbounded = slots.run(g.work, false);
    await g.releaseAll();
    await Promise.all([...accepted, unbounded]);
    expect(g.peak()).toBe(1);
  });

  it('frees the slot when work fails', async () => {
    const slots = new HashSlots(1, 1);
    await expect(slots.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(slots.run(() => Promise.resolve('ok'))).resolves.toBe('ok');
  });
});
