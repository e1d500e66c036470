import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/harness';
import { samplePdfOfSize } from '../attachments/test-samples';
import { BODY, startMessagingWorld, type MessagingWorld } from '../threads/messaging.test-helpers';
import { uploadFiles } from './records.test-helpers';

const MiB = 1024 * 1024;
const FILE_BYTES = 3 * MiB;

/**
 * R50: the archive streams. A client with 10 threads and 30 files of 3 MiB (90 MiB of files) downloads it while
 * the server's resident memory (this process hosts it) is sampled at every chunk: growth stays under 32 MiB,
 * which an archive built in memory (or files read whole) could not do.
 */
describe(`the right-of-access ZIP streams (${testDb})`, () => {
  let w: MessagingWorld;

  beforeAll(async () => {
    w = await startMessagingWorld('roam');
    const p1 = await w.as('p1');
    for (let thread = 0; thread < 10; thread += 1) {
      const files = await uploadFiles(
        p1,
        ...[0, 1, 2].map((n): [string, Buffer] => [`record-${thread}-${n}.pdf`, samplePdfOfSize(FILE_BYTES)]),
      );
      const sent = await p1.post('/api/threads', {
        to: [{ userId: w.ids.c1 as string }],
        subject: `Records ${thread}`,
        body: BODY,
        attachmentIds: files,
      });
      expect(sent.status).toBe(201);
    }
  }, 300_000);
  afterAll(() => w.close());

  it('R50: 10 threads and 30 files (90 MiB) stream with server RSS growth under 32 MiB', async () => {
    const c1 = await w.as('c1');
    const before = process.memoryUsage().rss;
    let peak = before;
    let bytes = 0;
    const res = await fetch(`${w.server.url}/api/me/records`, { headers: { cookie: c1.cookieHeader() } });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) {
      bytes += next.value.byteLength;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const growth = (peak - before) / MiB;
    console.info(`R50 ZIP: ${(bytes / MiB).toFixed(1)} MiB streamed, server RSS growth ${growth.toFixed(1)} MiB`);
    expect(bytes).toBeGreaterThan(30 * FILE_BYTES);
    expect(growth).toBeLessThan(32);
  }, 300_000);
});
