import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../../ids';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import { filesBelow, filesContaining } from '../../../test/scan';
import type { TestClient } from '../../../test/client';
import { sweepAttachments } from './sweep-attachments';
import * as sample from './test-samples';

const MiB = 1024 * 1024;
const sha = (data: Buffer | ArrayBuffer) =>
  createHash('sha256')
    .update(Buffer.from(data as ArrayBuffer))
    .digest('hex');

function form(...files: [name: string, bytes: Buffer][]): FormData {
  const body = new FormData();
  for (const [name, bytes] of files) body.append('file', new Blob([new Uint8Array(bytes)]), name);
  return body;
}

describe(`attachments (${testDb})`, () => {
  let server: TestServer;
  let slug: string;
  let ids: Record<string, string>;
  let practiceId: string;
  let otherSlug: string;
  let p1: TestClient;
  let c1: TestClient;
  let p2: TestClient;
  let other: TestClient;

  const upload = (client: TestClient, ...files: [string, Buffer][]) =>
    client.request('POST', '/api/attachments', form(...files));
  const blobDir = () => join(server.dataDir, 'blobs');
  const blobCount = () => readdirSync(blobDir(), { withFileTypes: true }).filter((e) => e.isFile()).length;
  const rowCount = async () =>
    Number(
      (
        await server.db
          .selectFrom('attachments')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  const download = (client: TestClient, id: string, query = '') =>
    fetch(`${server.url}/api/attachments/${id}${query}`, { headers: { cookie: client.cookieHeader() } });

  /** Sends a new message from `sender` to `to` carrying the attachments, through the messaging API (R8). */
  async function send(sender: TestClient, to: string[], attachmentIds: string[]) {
    const res = await sender.post('/api/threads', {
      to: to.map((userId) => ({ userId })),
      subject: 'Files',
      body: '<p>Here is the file you asked for.</p>',
      attachmentIds,
    });
    expect(res.status).toBe(201);
    const thread = res.body.thread;
    return { threadId: thread.id as string, messageId: thread.messages[0].id as string, thread };
  }
  const blobKeyOf = async (id: string) =>
    (await server.db.selectFrom('attachments').select('blob_key').where('id', '=', id).executeTakeFirst())?.blob_key;
  const blobExists = (key: string) => readdirSync(blobDir()).includes(key);

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('att'));
    slug = fixture.practice.slug;
    ({ ids, practiceId } = await server.seed(fixture));
    const second = standardPractice(uniqueSlug('att-other'));
    otherSlug = second.practice.slug;
    await server.seed(second);
    p1 = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    p2 = await server.client().login(slug, emailOf(slug, 'p2'), PASSWORD);
    c1 = await server.client().login(slug, emailOf(slug, 'c1'), PASSWORD);
    other = await server.client().login(otherSlug, emailOf(otherSlug, 'p1'), PASSWORD);
  });
  afterAll(() => server.close());

  it('R30: signed out, upload and download answer 401', async () => {
    const anonymous = server.client();
    const up = await upload(anonymous, ['a.pdf', sample.samplePdf()]);
    expect(up.status).toBe(401);
    expect(up.body.error.code).toBe('unauthenticated');
    const mine = await upload(p1, ['a.pdf', sample.samplePdf()]);
    const res = await anonymous.get(`/api/attachments/${mine.body.attachments[0].id}`);
    expect(res.status).toBe(401);
  });

  it('R30: an upload without the CSRF token is refused and stores nothing', async () => {
    const rows = await rowCount();
    const res = await p1.request('POST', '/api/attachments', form(['a.pdf', sample.samplePdf()]), { csrf: false });
    expect(res.status).toBe(403);
    expect(await rowCount()).toBe(rows);
  });

  it.each([
    ['Intake form.pdf', sample.samplePdf(), 'application/pdf'],
    ['photo.jpg', sample.sampleJpeg(), 'image/jpeg'],
    ['PHOTO.JPEG', sample.sampleJpeg(), 'image/jpeg'],
    ['scan.png', sample.samplePng(), 'image/png'],
    ['letter.doc', sample.sampleDoc(), 'application/msword'],
    ['plan.docx', sample.sampleDocx(), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'],
    ['mood log.csv', sample.sampleCsv(), 'text/csv'],
  ])('R6: %s is accepted and comes back byte for byte', async (name, bytes, type) => {
    const res = await upload(c1, [name, bytes]);
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ attachments: [{ id: expect.any(String), name, size: bytes.length, type }] });
    const got = await download(c1, res.body.attachments[0].id);
    expect(got.status).toBe(200);
    expect(sha(await got.arrayBuffer())).toBe(sha(bytes));
    expect(got.headers.get('content-type')).toBe(type === 'text/csv' ? 'text/csv; charset=utf-8' : type);
    expect(got.headers.get('content-length')).toBe(String(bytes.length));
  });

  it.each([
    ['an executable renamed', 'invoice.pdf', sample.sampleExe()],
    ['HTML renamed', 'picture.png', sample.sampleHtml()],
    ['SVG renamed', 'picture.jpg', sample.sampleSvg()],
    ['a GIF', 'animation.gif', sample.sampleGif()],
    ['a GIF renamed', 'animation.png', sample.sampleGif()],
    ['a text file', 'notes.txt', sample.sampleText()],
    ['a zip renamed', 'letter.docx', sample.zip([{ name: 'x.exe', data: sample.sampleExe() }])],
    ['binary renamed', 'data.csv', Buffer.concat([Buffer.from('a,b\n'), Buffer.from([0, 1, 2, 0xff])])],
  ])('R6: %s (%s) is refused with 415 naming the file and the rule; nothing is stored', async (_kind, name, bytes) => {
    const [rows, blobs] = [await rowCount(), blobCount()];
    const res = await upload(p1, [name, bytes]);
    expect(res.status).toBe(415);
    expect(res.body.error.code).toBe('attachment_type_not_allowed');
    expect(res.body.error.message).toContain(name);
    expect(res.body.error.message).toMatch(/PDF, JPEG, PNG, Word \(\.doc, \.docx\) and CSV/);
    expect([await rowCount(), blobCount()]).toEqual([rows, blobs]);
  });

  it('R6: a file of exactly 10 MiB is accepted; one byte more answers 413 naming the file', async () => {
    const exact = sample.samplePdfOfSize(10 * MiB);
    const ok = await upload(p1, ['big.pdf', exact]);
    expect(ok.status).toBe(201);
    expect(ok.body.attachments[0].size).toBe(10 * MiB);
    const got = await download(p1, ok.body.attachments[0].id);
    expect(sha(await got.arrayBuffer())).toBe(sha(exact));

    const [rows, blobs] = [await rowCount(), blobCount()];
    const over = await upload(p1, ['too big.pdf', sample.samplePdfOfSize(10 * MiB + 1)]);
    expect(over.status).toBe(413);
    expect(over.body.error.code).toBe('attachment_too_large');
    expect(over.body.error.message).toContain('too big.pdf');
    expect(over.body.error.message).toContain('10 MB');
    expect([await rowCount(), blobCount()]).toEqual([rows, blobs]);
  });

  it('R34: several files where one is refused store none of them', async () => {
    const [rows, blobs] = [await rowCount(), blobCount()];
    const res = await upload(
      p1,
      ['one.pdf', sample.samplePdf()],
      ['two.png', sample.samplePng()],
      ['three.pdf', sample.sampleExe()],
      ['four.csv', sample.sampleCsv()],
    );
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('three.pdf');
    expect([await rowCount(), blobCount()]).toEqual([rows, blobs]);

    const fine = await upload(p1, ['one.pdf', sample.samplePdf()], ['two.png', sample.samplePng()]);
    expect(fine.status).toBe(201);
    expect(fine.body.attachments.map((a: { name: string }) => a.name)).toEqual(['one.pdf', 'two.png']);
    expect([await rowCount(), blobCount()]).toEqual([rows + 2, blobs + 2]);
  });

  it('R34: more files than one upload may carry answers 400 and stores none of them', async () => {
    const [rows, blobs] = [await rowCount(), blobCount()];
    const files = Array.from({ length: 21 }, (_, i): [string, Buffer] => [`f${i}.csv`, sample.sampleCsv()]);
    const res = await upload(p1, ...files);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toContain('at most 20');
    expect([await rowCount(), blobCount()]).toEqual([rows, blobs]);
  });

  it('R6: a request without a file answers 400', async () => {
    const empty = new FormData();
    empty.append('note', 'hello');
    const res = await p1.request('POST', '/api/attachments', empty);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });

  it('R6: the stored name is sanitized: no folders, no control characters', async () => {
    const res = await upload(p1, ['..\\..\\secret\u0007 plan.pdf', sample.samplePdf()]);
    expect(res.status).toBe(201);
    expect(res.body.attachments[0].name).toBe('secret plan.pdf');
  });

  it('R30: download headers: attachment disposition with both names, nosniff, no-store; inline only for previews', async () => {
    // (Browsers percent-encode a double quote in a multipart file name, so none is sent here.)
    const name = 'Résumé; final.pdf';
    const up = await upload(p1, [name, sample.samplePdf()]);
    const got = await download(p1, up.body.attachments[0].id);
    expect(got.headers.get('content-disposition')).toBe(
      `attachment; filename="R_sum__ final.pdf"; filename*=UTF-8''R%C3%A9sum%C3%A9%3B%20final.pdf`,
    );
    expect(got.headers.get('x-content-type-options')).toBe('nosniff');
    expect(got.headers.get('cache-control')).toBe('no-store');
    const inline = await download(p1, up.body.attachments[0].id, '?inline=1');
    expect(inline.headers.get('content-disposition')).toMatch(/^inline; /);
    const csv = await upload(p1, ['data.csv', sample.sampleCsv()]);
    const csvInline = await download(p1, csv.body.attachments[0].id, '?inline=1');
    expect(csvInline.headers.get('content-disposition')).toMatch(/^attachment; /);
  });

  it('R30: before it is sent, only the uploader can download it; then every participant of the thread, and no one else', async () => {
    const up = await upload(p1, ['summary.pdf', sample.samplePdf('summary')]);
    const id = up.body.attachments[0].id;
    expect((await download(c1, id)).status).toBe(404);
    expect((await download(p2, id)).status).toBe(404);
    const { thread } = await send(p1, [ids.c1!], [id]);
    expect(thread.messages[0].attachments).toEqual([
      { id, name: 'summary.pdf', size: sample.samplePdf('summary').length, type: 'application/pdf' },
    ]);
    expect((await download(p1, id)).status).toBe(200);
    const forClient = await download(c1, id);
    expect(forClient.status).toBe(200);
    expect(sha(await forClient.arrayBuffer())).toBe(sha(sample.samplePdf('summary')));
    const notParticipant = await download(p2, id);
    expect(notParticipant.status).toBe(404);
    expect(await notParticipant.json()).toEqual({ error: { code: 'not_found', message: expect.any(String) } });
  });

  it('R30: another practice gets 404 for an attachment id, whether it exists or not', async () => {
    const up = await upload(p1, ['x.pdf', sample.samplePdf()]);
    expect((await download(other, up.body.attachments[0].id)).status).toBe(404);
    expect((await download(other, newId())).status).toBe(404);
    expect((await download(p1, 'not-an-id')).status).toBe(404);
  });

  it('R31: a tampered blob is refused with an error, never sent as other bytes', async () => {
    const small = await upload(p1, ['small.csv', sample.sampleCsv()]);
    const smallRow = await server.db
      .selectFrom('attachments')
      .select('blob_key')
      .where('id', '=', small.body.attachments[0].id)
      .executeTakeFirstOrThrow();
    const path = join(blobDir(), smallRow.blob_key);
    const stored = readFileSync(path);
    stored[stored.length - 20] = (stored[stored.length - 20] ?? 0) ^ 1;
    writeFileSync(path, stored);
    const res = await download(p1, small.body.attachments[0].id);
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: { code: 'internal', message: expect.any(String) } });

    // Damage late in a larger file: the headers are out, so the transfer must break off.
    const data = sample.samplePdf('large', randomBytes(MiB));
    const large = await upload(p1, ['large.pdf', data]);
    const largeRow = await server.db
      .selectFrom('attachments')
      .select('blob_key')
      .where('id', '=', large.body.attachments[0].id)
      .executeTakeFirstOrThrow();
    const largePath = join(blobDir(), largeRow.blob_key);
    const bytes = readFileSync(largePath);
    bytes[bytes.length - 5000] = (bytes[bytes.length - 5000] ?? 0) ^ 1;
    writeFileSync(largePath, bytes);
    const broken = await download(p1, large.body.attachments[0].id);
    await expect(broken.arrayBuffer()).rejects.toThrow();
  });

  it('R19: deleting a message destroys its attachments at once: row and blob', async () => {
    const up = await upload(p1, ['to delete.pdf', sample.samplePdf()], ['also.png', sample.samplePng()]);
    const fileIds = up.body.attachments.map((a: { id: string }) => a.id);
    const keys = await Promise.all(fileIds.map(blobKeyOf));
    const { messageId } = await send(p1, [ids.c1!], fileIds);
    expect(keys.every((key) => key && blobExists(key))).toBe(true);
    const res = await p1.delete(`/api/messages/${messageId}`);
    expect(res.status).toBe(204);
    for (const [i, id] of fileIds.entries()) {
      expect(await blobKeyOf(id)).toBeUndefined();
      expect(blobExists(keys[i])).toBe(false);
      expect((await download(c1, id)).status).toBe(404);
    }
  });

  it('R19: deleting a thread destroys the attachments of all its messages', async () => {
    const up = await upload(p1, ['thread file.pdf', sample.samplePdf()]);
    const id = up.body.attachments[0].id;
    const key = (await blobKeyOf(id))!;
    const { threadId } = await send(p1, [ids.c1!], [id]);
    expect((await p1.delete(`/api/threads/${threadId}`)).status).toBe(204);
    expect(await blobKeyOf(id)).toBeUndefined();
    expect(blobExists(key)).toBe(false);
  });

  it('R7/R30: an attachment in a draft is seen only by the draft’s author; deleting the draft destroys it', async () => {
    const up = await upload(p1, ['draft file.pdf', sample.samplePdf()]);
    const id = up.body.attachments[0].id;
    const key = (await blobKeyOf(id))!;
    const saved = await p1.post('/api/drafts', { to: [{ userId: ids.c1 }], subject: 'Later', attachmentIds: [id] });
    expect(saved.status).toBe(201);
    expect((await download(p1, id)).status).toBe(200);
    expect((await download(c1, id)).status).toBe(404);
    expect((await download(p2, id)).status).toBe(404);
    // A draft's attachment is not "unsent": the 24-hour sweep leaves it alone.
    await sweepAttachments(server.ctx, new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect(await blobKeyOf(id)).toBe(key);
    expect((await p1.delete(`/api/drafts/${saved.body.draft.id}`)).status).toBe(204);
    expect(await blobKeyOf(id)).toBeUndefined();
    expect(blobExists(key)).toBe(false);
  });

  it('R19: a blob left without its row (e.g. a crash between the two deletions) is swept after an hour', async () => {
    const up = await upload(p1, ['orphan.pdf', sample.samplePdf()]);
    const id = up.body.attachments[0].id;
    const key = (await blobKeyOf(id))!;
    await server.db.deleteFrom('attachments').where('id', '=', id).execute();
    // Within the grace hour an unreferenced blob may still be an upload in flight: kept.
    await sweepAttachments(server.ctx);
    expect(blobExists(key)).toBe(true);
    await sweepAttachments(server.ctx, new Date(Date.now() + 2 * 60 * 60 * 1000));
    expect(blobExists(key)).toBe(false);
  });

  it('R54: a .partial file left by an upload interrupted mid-write is swept after the same hour', async () => {
    mkdirSync(blobDir(), { recursive: true });
    const partial = join(blobDir(), `${newId()}.partial`);
    writeFileSync(partial, 'half an upload');
    await sweepAttachments(server.ctx);
    expect(existsSync(partial)).toBe(true);
    await sweepAttachments(server.ctx, new Date(Date.now() + 2 * 60 * 60 * 1000));
    expect(existsSync(partial)).toBe(false);
  });

  it('R6: unsent attachments are swept after 24 hours (row and blob); sent ones stay', async () => {
    const unsent = await upload(p1, ['never sent.pdf', sample.samplePdf()]);
    const sent = await upload(p1, ['sent.pdf', sample.samplePdf()]);
    await send(p1, [ids.c1!], [sent.body.attachments[0].id]);
    const keyOf = blobKeyOf;
    const unsentKey = await keyOf(unsent.body.attachments[0].id);
    const sentKey = await keyOf(sent.body.attachments[0].id);
    await sweepAttachments(server.ctx, new Date(Date.now() + 23 * 60 * 60 * 1000));
    expect(await keyOf(unsent.body.attachments[0].id)).toBe(unsentKey);
    await sweepAttachments(server.ctx, new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect(await keyOf(unsent.body.attachments[0].id)).toBeUndefined();
    expect(() => statSync(join(blobDir(), unsentKey!))).toThrow();
    expect(await keyOf(sent.body.attachments[0].id)).toBe(sentKey);
    expect(statSync(join(blobDir(), sentKey!)).isFile()).toBe(true);
    // Every remaining row still has its blob, and every blob its row.
    const rows = await server.db.selectFrom('attachments').select('blob_key').execute();
    expect(new Set(readdirSync(blobDir()))).toEqual(new Set(rows.map((r) => r.blob_key)));
  });

  it('R32: uploads and downloads are audited by id, never by file name', async () => {
    const up = await upload(c1, ['Audit Canary Name.pdf', sample.samplePdf()]);
    const id = up.body.attachments[0].id;
    await download(c1, id);
    const events = await server.db
      .selectFrom('audit_events')
      .select(['action', 'targets', 'actor_id'])
      .where('practice_id', '=', practiceId)
      .where('action', 'in', ['attachment.uploaded', 'attachment.downloaded'])
      .execute();
    const mine = events.filter((e) => JSON.parse(e.targets).attachmentId === id);
    expect(mine.map((e) => e.action).sort()).toEqual(['attachment.downloaded', 'attachment.uploaded']);
    expect(mine.every((e) => e.actor_id === ids.c1)).toBe(true);
    expect(JSON.stringify(events)).not.toContain('Audit Canary');
  });

  it('R31: neither file names nor file contents are anywhere in DATA_DIR (or the database) in plaintext', async () => {
    const name = 'Zebra-Canary-Filename-7731.csv';
    const content = 'CANARY-CONTENT-4471,'.repeat(5000);
    const res = await upload(p1, [name, Buffer.from(content)]);
    expect(res.status).toBe(201);
    const files = filesBelow(server.dataDir);
    if (testDb === 'sqlite') expect(files.some((f) => f.includes('confide.db'))).toBe(true);
    for (const needle of [name, 'Zebra-Canary', 'CANARY-CONTENT-4471']) {
      expect(filesContaining(files, needle), needle).toEqual([]);
    }
    const rows = await server.db.selectFrom('attachments').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain('Zebra-Canary');
  });
});
