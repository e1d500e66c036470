import { LIVE_CLOSE_RECONNECT } from '@confide/api';
import { expect, it, describe } from 'vitest';
import { TestClient } from '../../test/client';
import { nodeEnv, probe, seedNode } from '../../test/fault-node';
import { emailOf, PASSWORD } from '../../test/fixtures';
import { openLive } from '../../test/live';
import { settle, waitFor } from '../../test/smtp';
import { samplePdf } from '../modules/attachments/test-samples';
import { nodeStarter } from './helpers';
import { report } from './report';

describe('R54 a clean shutdown (a real process)', () => {
  const start = nodeStarter();

  it('R54: SIGTERM finishes the upload in flight, tells live sockets to reconnect (1012), stops accepting and exits 0', async () => {
    const env = nodeEnv();
    const { slug } = await seedNode(env);
    const node = await start(env);
    const client = await new TestClient(node.url).login(slug, emailOf(slug, 'p1'), PASSWORD);
    const socket = await openLive(node.url, await new TestClient(node.url).login(slug, emailOf(slug, 'c1'), PASSWORD));
    // An upload whose body arrives slowly, in three pieces: it is in flight when SIGTERM comes.
    const boundary = 'confide-fault-boundary';
    const pieces = [
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="slow.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
      ),
      samplePdf('slow upload'),
      Buffer.from(`\r\n--${boundary}--\r\n`),
    ];
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (sent > 0) await settle(700);
        const piece = pieces[sent];
        sent += 1;
        if (piece) controller.enqueue(new Uint8Array(piece));
        else controller.close();
      },
    });
    const inFlight = fetch(`${node.url}/api/attachments`, {
      method: 'POST',
      headers: {
        cookie: client.cookieHeader(),
        'x-csrf-token': client.csrfToken!,
        'content-type': `multipart/form-data; boundary=${boundary}`,
      },
      body,
      duplex: 'half',
    });
    await waitFor('the upload to start', () => sent >= 1);
    const signalledAt = Date.now();
    const exited = node.terminate();
    const closed = await socket.closed;
    const answer = await inFlight;
    const afterwards = await probe(`${node.url}/healthz`);
    const { code, signal } = await exited;
    report('SIGTERM with an upload in flight and a live socket', {
      acknowledged: 1,
      present: answer.status === 201 ? 1 : 0,
      lost: answer.status === 201 ? 0 : 1,
      duplicated: 0,
      recoverMs: null,
      extra: `exit ${code} in ${Date.now() - signalledAt} ms; socket closed ${closed.code}`,
    });
    expect(answer.status).toBe(201);
    expect(closed.code).toBe(LIVE_CLOSE_RECONNECT);
    expect(afterwards.status).toBe(0);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
  });
});
