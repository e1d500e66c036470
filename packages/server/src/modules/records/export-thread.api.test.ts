import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../test/cli';
import { testDb } from '../../../test/harness';
import * as sample from '../attachments/test-samples';
import { startMessagingWorld, type MessagingWorld } from '../threads/messaging.test-helpers';
import { getBytes, pdfText, uploadFiles, validateFhir } from './records.test-helpers';

type Entry = { fullUrl: string; resource: Record<string, any> };
type Bundle = { resourceType: string; type: string; identifier: { value: string }; entry: Entry[] };

const RICH = [
  '<p>Plain, <strong>bold</strong>, <em>italic</em>, <u>underlined</u>, <s>struck</s> and a',
  ' <a href="https://988lifeline.org">link</a>.</p><ul><li><p>a bullet</p></li></ul>',
  '<ol><li>first step</li><li>second step</li></ol><blockquote><p>a quoted line</p></blockquote>',
].join('');

describe(`thread exports (${testDb})`, () => {
  let w: MessagingWorld;
  let threadId: string;
  let deletedId: string;
  const to = (...keys: string[]) => keys.map((k) => ({ userId: w.ids[k] as string }));
  const exportOf = async (key: string, format: string, id = threadId) =>
    getBytes(w.server.url, await w.as(key), `/api/threads/${id}/export?format=${format}`);
  const fhirOf = async (key: string, id = threadId) => {
    const res = await exportOf(key, 'fhir', id);
    expect(res.status).toBe(200);
    return JSON.parse(res.bytes.toString('utf8')) as Bundle;
  };

  beforeAll(async () => {
    w = await startMessagingWorld('rex');
    const p1 = await w.as('p1');
    const files = await uploadFiles(
      p1,
      ['plan.pdf', sample.samplePdf('care plan')],
      ['scan.png', sample.samplePng()],
      ['photo.jpg', sample.sampleJpeg()],
      ['letter.doc', sample.sampleDoc()],
      ['form.docx', sample.sampleDocx()],
      ['log.csv', sample.sampleCsv()],
    );
    const sent = await p1.post('/api/threads', {
      to: to('c1', 'agent'),
      subject: 'Care plan and forms',
      body: RICH,
      attachmentIds: files,
    });
    expect(sent.status).toBe(201);
    threadId = sent.body.thread.id;
    const c1 = await w.as('c1');
    expect(
      (await c1.post(`/api/threads/${threadId}/messages`, { body: '<p>Thank you, señora — got it ✓</p>' })).status,
    ).toBe(201);
    const doomed = await p1.post(`/api/threads/${threadId}/messages`, {
      body: '<p>Sent to the wrong person, sorry.</p>',
    });
    deletedId = doomed.body.message.id;
    expect((await p1.delete(`/api/messages/${deletedId}`)).status).toBe(204);
    expect(
      (await (await w.as('agent')).post(`/api/threads/${threadId}/messages`, { body: '<p>Noted from the agency.</p>' }))
        .status,
    ).toBe(201);
  });
  afterAll(() => w.close());

  it('R49: signed out, the export answers 401', async () => {
    const res = await w.server.client().get(`/api/threads/${threadId}/export?format=pdf`);
    expect(res.status).toBe(401);
  });

  it('R49: a staff member not on the thread, and another practice, meet 404', async () => {
    for (const format of ['pdf', 'fhir']) {
      expect((await exportOf('p2', format)).status).toBe(404);
      expect(
        (await getBytes(w.server.url, await w.asOther('admin'), `/api/threads/${threadId}/export?format=${format}`))
          .status,
      ).toBe(404);
    }
    expect((await exportOf('p1', 'pdf', '0190a0a0-0000-7000-8000-000000000000')).status).toBe(404);
  });

  it('R49: a client is refused a staff export — 403 on their own thread, 404 on another', async () => {
    for (const format of ['pdf', 'fhir']) {
      const own = await exportOf('c1', format);
      expect(own.status).toBe(403);
      expect(JSON.parse(own.bytes.toString()).error.code).toBe('forbidden');
      expect((await exportOf('c2', format)).status).toBe(404);
    }
  });

  it.each([
    ['an external agent on the thread', 200, 'agent'],
    ['front office not on the thread', 404, 'fo'],
    ['a biller not on the thread', 404, 'biller'],
    ['a provider not on the thread', 404, 'p3'],
  ] as const)('R49: %s — both formats answer %i', async (_who, status, key) => {
    for (const format of ['pdf', 'fhir']) expect((await exportOf(key, format)).status).toBe(status);
  });

  it('R49: a bad or missing format is a validation error', async () => {
    const p1 = await w.as('p1');
    expect((await p1.get(`/api/threads/${threadId}/export?format=docx`)).body.error.code).toBe('validation_failed');
    expect((await p1.get(`/api/threads/${threadId}/export`)).status).toBe(400);
  });

  it('R49: a staff participant gets a PDF: practice, participants, senders, times, text, files with SHA-256', async () => {
    const res = await exportOf('p1', 'pdf');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="conversation-${threadId}.pdf"`);
    expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(res.bytes);
    expect(text).toContain(`Practice ${w.slug}`);
    expect(text).toContain('Care plan and forms');
    for (const name of ['Staff p1 (Provider)', 'Client One Canary (Client)', 'Staff agent (External agent)']) {
      expect(text).toContain(name);
    }
    expect(text).toMatch(/[A-Z][a-z]{2} \d{1,2}, \d{4}, \d{1,2}:\d\d [AP]M E[SD]T/); // the practice's zone (R39's default, America/New_York)
    for (const words of [
      'a bullet',
      '1. first step',
      '2. second step',
      'a quoted line',
      'link',
      'Thank you, señora — got it ✓',
    ]) {
      expect(text).toContain(words);
    }
    const hashes = await w.server.db
      .selectFrom('attachments')
      .select(['sha256'])
      .where('message_id', 'is not', null)
      .execute();
    for (const name of ['plan.pdf', 'scan.png', 'photo.jpg', 'letter.doc', 'form.docx', 'log.csv'])
      expect(text).toContain(name);
    for (const { sha256 } of hashes.filter((h) => h.sha256)) expect(text.replace(/\s+/g, '')).toContain(sha256);
    expect(text).not.toContain('wrong person');
  });

  it('R49: the FHIR Bundle validates with 0 errors — every message shape and attachment type', async () => {
    const bundle = await fhirOf('p1');
    expect(bundle.resourceType).toBe('Bundle');
    expect(bundle.type).toBe('collection');
    expect(() => validateFhir(bundle)).not.toThrow();
    for (const { resource } of bundle.entry) expect(() => validateFhir(resource), resource.resourceType).not.toThrow();
    const types = bundle.entry.map((e) => e.resource.resourceType);
    expect(types.filter((t) => t === 'DocumentReference')).toHaveLength(6);
    expect(types).toContain('Patient');
    expect(types).toContain('PractitionerRole');
  });

  it('R49: one Communication per message, partOf the header, inResponseTo the one before; deleted ones absent', async () => {
    const bundle = await fhirOf('p1');
    const comms = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'Communication');
    const [header, ...messages] = comms;
    expect(header?.id).toBe(threadId);
    expect(header?.topic.text).toBe('Care plan and forms');
    expect(messages).toHaveLength(3);
    expect(messages.map((m) => m.id)).not.toContain(deletedId);
    messages.forEach((m, i) => {
      expect(m.partOf).toEqual([{ reference: `Communication/${threadId}` }]);
      expect(m.inResponseTo?.[0]?.reference).toBe(i === 0 ? undefined : `Communication/${messages[i - 1]?.id}`);
      expect(m.status).toBe('completed');
      expect(m.sent).toMatch(/^\d{4}-\d\d-\d\dT/);
    });
    const [first, reply, agent] = messages;
    expect(first?.sender.reference).toBe(`PractitionerRole/role-${w.ids.p1}`);
    expect(first?.recipient.map((r: { reference: string }) => r.reference).sort()).toEqual(
      [`Patient/${w.ids.c1}`, `PractitionerRole/role-${w.ids.agent}`].sort(),
    );
    expect(first?.payload[0].contentString).toContain('a bullet');
    expect(first?.payload[0].contentString).toContain('1. first step\n  2. second step');
    expect(first?.payload[0].contentString).not.toContain('<');
    expect(first?.payload).toHaveLength(7);
    expect(reply?.sender.reference).toBe(`Patient/${w.ids.c1}`);
    expect(reply?.payload[0].contentString).toBe('Thank you, señora — got it ✓');
    expect(agent?.sender.reference).toBe(`PractitionerRole/role-${w.ids.agent}`);
    const docs = bundle.entry.map((e) => e.resource).filter((r) => r.resourceType === 'DocumentReference');
    const csv = docs.find((d) => d.content[0].attachment.title === 'log.csv');
    expect(csv?.content[0].attachment).toMatchObject({ contentType: 'text/csv', size: sample.sampleCsv().length });
    expect(Buffer.from(csv?.content[0].attachment.hash, 'base64').toString('hex')).toBe(
      (await import('node:crypto')).createHash('sha256').update(sample.sampleCsv()).digest('hex'),
    );
    expect(csv?.content[0].attachment.url).toBe(`http://confide.test/api/attachments/${csv?.id}`);
  });

  it('R49: admins export threads they are not on; each export is audited and states its chain position', async () => {
    const bundle = await fhirOf('admin');
    const rows = await w.server.db
      .selectFrom('audit_events')
      .select(['seq', 'hash', 'actor_id', 'targets'])
      .where('action', '=', 'thread.exported')
      .where('actor_id', '=', w.ids.admin as string)
      .execute();
    expect(rows).toHaveLength(1);
    const [row] = rows;
    expect(bundle.identifier.value).toBe(`${row?.seq}:${row?.hash}`);
    expect(JSON.parse(row?.targets ?? '{}')).toEqual({ threadId, clientIds: w.ids.c1, format: 'fhir' });
    const pdf = await exportOf('admin', 'pdf');
    const last = await w.server.db
      .selectFrom('audit_events')
      .select(['seq', 'hash'])
      .where('action', '=', 'thread.exported')
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(pdfText(pdf.bytes).replace(/\s+/g, '')).toContain(`${last.seq}(${last.hash})`);
  });

  it('R49: `confide audit verify --thread --since` confirms the thread is unchanged since an export, until it changes', async () => {
    const env = {
      DATA_DIR: w.server.dataDir,
      ...(w.server.databaseUrl ? { DATABASE_URL: w.server.databaseUrl } : {}),
    };
    const since = (await fhirOf('p1')).identifier.value.split(':')[0] as string;
    const clean = await runCli(['audit', 'verify', '--thread', threadId, '--since', since], env);
    expect(clean.code, clean.stderr).toBe(0);
    expect(JSON.parse(clean.stdout).thread).toEqual({ threadId, since: Number(since), unchanged: true, changes: [] });
    const reply = await (
      await w.as('c1')
    ).post(`/api/threads/${threadId}/messages`, { body: '<p>One more thing to add.</p>' });
    expect(reply.status).toBe(201);
    const changed = await runCli(['audit', 'verify', '--thread', threadId, '--since', since], env);
    expect(changed.code).toBe(1);
    const report = JSON.parse(changed.stdout) as {
      ok: boolean;
      thread: { unchanged: boolean; changes: { action: string }[] };
    };
    expect(report.ok).toBe(true);
    expect(report.thread.unchanged).toBe(false);
    expect(report.thread.changes.map((c) => c.action)).toEqual(['message.sent']);
    const usage = await runCli(['audit', 'verify', '--thread', threadId], env);
    expect(usage.code).toBe(2);
  }, 120_000);
});
