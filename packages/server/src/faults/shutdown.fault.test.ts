import { LIVE_CLOSE_RECONNECT } from '@confide/api';
import { expect, it, describe } from 'vitest';
import { TestClient } from '../../test/client';
import { nodeEnv, probe, seedNode } from '../../test/fault-node';
import { emailOf, PASSWORD } from '../../test/fixtures';
import { openLive } from '../../test/live';
import { settle, TestSmtp, waitFor } from '../../test/smtp';
import { samplePdf } from '../modules/attachments/test-samples';
import { BODY, nodeStarter, query } from '../../test/faults';
import { report } from './report';

describe('R54 a clean shutdown (a real process)', () => {
  const start = nodeStarter();

  it('R54: SIGTERM finishes the upload in flight and the email being sent, tells live sockets to reconnect (1012), stops accepting and exits 0', async () => {
    const smtp = await TestSmtp.start();
    try {
      await signalDuringWork(smtp);
    } finally {
      await smtp.stop();
    }
  });

  async function signalDuringWork(smtp: TestSmtp) {
    const env = { ...nodeEnv(), SMTP_URL: smtp.url };
    const { slug, ids } = await seedNode(env);
    const node = await start(env);
    const client = await new TestClient(node.url).login(slug, emailOf(slug, 'p1'), PASSWORD);
    const socket = await openLive(node.url, await new TestClient(node.url).login(slug, emailOf(slug, 'c1'), PASSWORD));
    // The email telling the client of a new message: the SMTP server holds its answer for 4 s.
    smtp.delayFor = () => 4_000;
    const message = await client.post('/api/threads', {
      to: [{ userId: ids.c1 }],
      subject: 'Before SIGTERM',
      body: BODY,
    });
    expect(message.status).toBe(201);
    await waitFor('the email in flight', () => smtp.pending > 0);
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
    const email = query<{ state: string }>(env.DATA_DIR, `SELECT state FROM outbox WHERE template = 'new_message'`);
    report('SIGTERM with an upload and an email in flight and a live socket', {
      acknowledged: 2,
      present: (answer.status === 201 ? 1 : 0) + smtp.received.length,
      lost: (answer.status === 201 ? 0 : 1) + (smtp.received.length === 0 ? 1 : 0),
      duplicated: Math.max(0, smtp.received.length - 1),
      recoverMs: null,
      extra: `exit ${code} in ${Date.now() - signalledAt} ms; socket closed ${closed.code}; email row ${email[0]?.state}`,
    });
    expect(answer.status).toBe(201);
    expect(closed.code).toBe(LIVE_CLOSE_RECONNECT);
    expect(afterwards.status).toBe(0);
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    // The email was answered before the exit and recorded as sent: a restart does not send it again.
    expect(smtp.received).toHaveLength(1);
    expect(email).toEqual([{ state: 'sent' }]);
  }
});
