// Baseline for sign-in: raw argon2id verifications with the product's parameters, in a separate
// process: the time of one, and how many per second `concurrency` at a time sustain.
import { hash, verify } from '@node-rs/argon2';
import { serveWorker } from '../lib/load.ts';
import { median } from '../lib/stats.ts';

const options = { algorithm: 2, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

serveWorker(run);

async function run(spec: { seconds: number; concurrency: number; singles: number }) {
  const stored = await hash('bench-Correct-Horse-42', options);
  const times: number[] = [];
  for (let i = 0; i < spec.singles; i += 1) {
    const t0 = performance.now();
    await verify(stored, 'bench-Correct-Horse-42');
    times.push(performance.now() - t0);
  }
  let done = 0;
  const end = performance.now() + spec.seconds * 1000;
  await Promise.all(
    Array.from({ length: spec.concurrency }, async () => {
      while (performance.now() < end) {
        await verify(stored, 'bench-Correct-Horse-42');
        done += 1;
      }
    }),
  );
  return { singleMs: median(times), perSecond: done / spec.seconds };
}
