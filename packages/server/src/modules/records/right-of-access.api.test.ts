import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../../test/harness';
import * as sample from '../attachments/test-samples';
import { BODY, startMessagingWorld, type MessagingWorld } from '../threads/messaging.test-helpers';
import { getBytes, pdfText, uploadFiles } from './records.test-helpers';

const sha = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

describe(`a client's right of access (${testDb})`, () => {
  let w: MessagingWorld;
  let dir: string;
  let groupId: string;
  const plan = sample.samplePdf('my plan');
  const scan = sample.samplePng();
  const groupFile = sample.sampleCsv('date,topic\n2026-01-02,group\n');
  const to = (...keys: string[]) => keys.map((k) => ({ userId: w.ids[k] as string }));

  /** The archive, saved and read with the system's unzip (an independent reader). */
  const unpack = (zip: Buffer, name: string) => {
    const file = join(dir, name);
    writeFileSync(file, zip);
    const entries = execFileSync('unzip', ['-Z1', file]).toString('utf8').trim().split('\n');
    const read = (entry: string) => execFileSync('unzip', ['-p', file, entry], { maxBuffer: 64 << 20 });
    return { entries, read };
  };

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'confide-r50-'));
    w = await startMessagingWorld('roa');
    const p1 = await w.as('p1');
    const own = await p1.post('/api/threads', {
      to: to('c1'),
      subject: 'Your plan / next steps',
      body: BODY,
      attachmentIds: await uploadFiles(p1, ['plan.pdf', plan], ['scan.png', scan]),
    });
    expect(own.status).toBe(201);
    const c1 = await w.as('c1');
    const mine = await uploadFiles(c1, ['plan.pdf', sample.samplePdf('my own copy')]);
    expect(
      (await c1.post(`/api/threads/${own.body.thread.id}/messages`, { body: BODY, attachmentIds: mine })).status,
    ).toBe(201);
    const group = await p1.post('/api/threads', {
      to: to('c1', 'c2', 'fo'),
      subject: 'Group on Thursday',
      body: BODY,
      attachmentIds: await uploadFiles(p1, ['group.csv', groupFile]),
    });
    groupId = group.body.thread.id;
    await p1.post('/api/threads', { to: to('c2'), subject: 'Only for client two', body: BODY });
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await w.close();
  });

  it('R50: signed out 401; staff are refused (403); another practice sees none of it', async () => {
    expect((await w.server.client().get('/api/me/records')).status).toBe(401);
    const staff = await getBytes(w.server.url, await w.as('admin'), '/api/me/records');
    expect(staff.status).toBe(403);
    expect(JSON.parse(staff.bytes.toString()).error.code).toBe('forbidden');
    const outsider = await getBytes(w.server.url, await w.asOther('c1'), '/api/me/records');
    expect(outsider.status).toBe(200);
    const other = unpack(outsider.bytes, 'other.zip');
    expect(other.entries).toEqual(['README.txt']);
    expect(other.read('README.txt').toString()).toContain('You have no conversations yet.');
  });

  it('R50: one ZIP with a PDF transcript per thread and every file, byte for byte; audited', async () => {
    const res = await getBytes(w.server.url, await w.as('c1'), '/api/me/records');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/zip');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="my-messages-\d{4}-\d\d-\d\d\.zip"$/);
    const { entries, read } = unpack(res.bytes, 'c1.zip');
    const day = new Date().toISOString().slice(0, 10);
    expect(entries).toEqual([
      'README.txt',
      `001 ${day} Your plan next steps/transcript.pdf`,
      `001 ${day} Your plan next steps/files/plan.pdf`,
      `001 ${day} Your plan next steps/files/scan.png`,
      `001 ${day} Your plan next steps/files/plan (2).pdf`,
      `002 ${day} Group on Thursday/transcript.pdf`,
      `002 ${day} Group on Thursday/files/group.csv`,
    ]);
    expect(sha(read(entries[2] as string))).toBe(sha(plan));
    expect(sha(read(entries[3] as string))).toBe(sha(scan));
    expect(sha(read(entries[6] as string))).toBe(sha(groupFile));
    expect(read('README.txt').toString()).toContain('Each of the 2 folders is one conversation');
    const transcript = pdfText(read(entries[1] as string));
    expect(transcript).toContain('Your plan / next steps');
    expect(transcript).toContain('for Client One Canary (Client)');
    expect(transcript.replace(/\s+/g, '')).toContain(sha(scan));
    const audit = await w.server.db
      .selectFrom('audit_events')
      .select(['seq', 'targets'])
      .where('action', '=', 'records.downloaded')
      .where('actor_id', '=', w.ids.c1 as string)
      .execute();
    expect(audit.map((a) => JSON.parse(a.targets))).toEqual([{ clientId: w.ids.c1, threads: '2' }]);
    expect(transcript.replace(/\s+/g, '')).toContain(`Auditchainposition:${audit[0]?.seq}(`);
  });

  it('R36: in the ZIP, a two-client thread shows the staff and the client themself, never the other client', async () => {
    const res = await getBytes(w.server.url, await w.as('c1'), '/api/me/records');
    const { entries, read } = unpack(res.bytes, 'c1-r36.zip');
    // Words are compared with white space squashed: a long participants line wraps where the font decides.
    const text = pdfText(
      read(entries.find((e) => e.startsWith('002') && e.endsWith('transcript.pdf')) as string),
    ).replace(/\s+/g, ' ');
    expect(text).toContain('Staff p1 (Provider)');
    expect(text).toContain('Staff fo (Front office)');
    expect(text).toContain('Client One Canary');
    for (const canary of ['Client Two', w.ids.c2 as string]) expect(text).not.toContain(canary);
    expect(entries.join('\n')).not.toContain('Only for client two');
    const staffView = pdfText(
      (await getBytes(w.server.url, await w.as('p1'), `/api/threads/${groupId}/export?format=pdf`)).bytes,
    ).replace(/\s+/g, ' ');
    expect(staffView).toContain('Client Two (Client)');
  });
});
