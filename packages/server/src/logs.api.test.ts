import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLI_TEST_MS, runCli } from '../test/cli';
import { readMailbox } from './email/mailbox';
import { TestClient } from '../test/client';
import { createTestDatabase, testDb } from '../test/harness';
import { freePort } from '../test/pg-cluster';

const PASSWORD = 'lantern-orchard-quiet-88';
// Every string below is PHI or a secret of some kind; none may reach the application log.
const CANARY = {
  clientName: 'Wilhelmina Logcanary',
  clientEmail: 'wilhelmina.logcanary@client.example',
  subject: 'Subject-Logcanary-Panic-Attacks',
  body: 'Body-Logcanary: I have been feeling hopeless again this week.',
  fileName: 'Filename-Logcanary-Intake.csv',
  query: 'Querycanary',
};

describe(`application logs (${testDb})`, { timeout: CLI_TEST_MS }, () => {
  let dataDir: string;
  let child: ChildProcess;
  let output = '';
  let baseUrl: string;
  let ids: Record<string, string>;
  const slug = `logs-${process.pid}`;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'confide-logs-'));
    const env: Record<string, string> = { DATA_DIR: dataDir };
    if (testDb === 'postgres') env.DATABASE_URL = await createTestDatabase();
    const fixture = join(dataDir, 'fixture.json');
    writeFileSync(
      fixture,
      JSON.stringify({
        practice: { slug, name: 'Log Practice', settings: { requireStaffMfa: false } },
        staff: [
          { key: 'doc', name: 'Doc Logstaff', email: `doc@${slug}.example`, password: PASSWORD, role: 'provider' },
        ],
        clients: [
          {
            key: 'client',
            name: CANARY.clientName,
            email: CANARY.clientEmail,
            password: PASSWORD,
            status: 'active',
            portal: true,
            providers: [{ key: 'doc', status: 'current' }],
          },
        ],
      }),
    );
    const seeded = await runCli(['seed', '--file', fixture], env);
    expect(seeded.code, seeded.stderr).toBe(0);
    ids = (JSON.parse(seeded.stdout) as { ids: Record<string, string> }).ids;

    const port = await freePort();
    baseUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, [join(import.meta.dirname, '../bin/confide.js'), 'serve'], {
      env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'trace' },
    });
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const started = Date.now();
    while (!output.includes('listening') && Date.now() - started < 240_000)
      await new Promise((r) => setTimeout(r, 100));
    expect(output).toContain('listening');
  }, CLI_TEST_MS);

  afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('R33 R42: sign-ins, sends, uploads, refusals, searches, crisis alerts and emails leave no PHI in the log', async () => {
    const doc = await new TestClient(baseUrl).login(slug, `doc@${slug}.example`, PASSWORD);
    // A failed sign-in with the client's email, and a password reset for it.
    await new TestClient(baseUrl).post('/api/auth/login', {
      practice: slug,
      email: CANARY.clientEmail,
      password: 'wrong-password-123',
    });
    await new TestClient(baseUrl).post('/api/auth/password-reset', { practice: slug, email: CANARY.clientEmail });
    // A search, whose query string must not be logged.
    expect((await doc.get(`/api/recipients?q=${CANARY.query}`)).status).toBe(200);
    // An upload named with PHI.
    const form = new FormData();
    form.append('file', new Blob(['a,b\n1,2\n']), CANARY.fileName);
    const upload = await doc.request('POST', '/api/attachments', form);
    expect(upload.status).toBe(201);
    // A refused send (body too short) and a real one, with the attachment.
    const refused = await doc.post('/api/threads', {
      to: [{ userId: ids.client }],
      subject: CANARY.subject,
      body: 'Hi',
    });
    expect(refused.status).toBe(400);
    const sent = await doc.post('/api/threads', {
      to: [{ userId: ids.client }],
      subject: CANARY.subject,
      body: `<p>${CANARY.body}</p>`,
      attachmentIds: [upload.body.attachments[0].id],
    });
    expect(sent.status).toBe(201);
    // The client opens it and downloads the file; the mail worker sends the notification.
    const client = await new TestClient(baseUrl).login(slug, CANARY.clientEmail, PASSWORD);
    expect((await client.get(`/api/threads/${sent.body.thread.id}`)).status).toBe(200);
    expect((await client.get(`/api/attachments/${upload.body.attachments[0].id}`)).status).toBe(200);
    // R42: a reply with words of crisis raises an alert (events, audit, emails) — none of it logs the text.
    const crisis = await client.post(`/api/threads/${sent.body.thread.id}/messages`, {
      body: `<p>${CANARY.body} I want to end my life.</p>`,
    });
    expect(crisis.body.crisis).toBe(true);
    const started = Date.now();
    for (;;) {
      const mail = await readMailbox(dataDir, { to: CANARY.clientEmail });
      if (mail.length >= 2 || Date.now() - started > 15_000) break;
      await new Promise((r) => setTimeout(r, 200));
    }

    // The log did record the traffic — so the absence of PHI below means something.
    expect(output).toContain('"route":"/api/threads"');
    expect(output).toContain('"route":"/api/attachments"');
    for (const [what, canary] of Object.entries(CANARY)) {
      expect(output.includes(canary), `${what} appears in the log`).toBe(false);
    }
    expect(output).not.toContain('Logcanary');
    expect(output).not.toContain(PASSWORD);
  });
});
