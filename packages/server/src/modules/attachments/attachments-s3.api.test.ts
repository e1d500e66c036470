import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer, request as forward, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
// @ts-expect-error s3rver ships no type declarations
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import type { TestClient } from '../../../test/client';
import { sweepAttachments } from './sweep-attachments';
import * as sample from './test-samples';

const BUCKET = 'confide-test';
const MiB = 1024 * 1024;
const sha = (data: Buffer | ArrayBuffer) =>
  createHash('sha256')
    .update(Buffer.from(data as ArrayBuffer))
    .digest('hex');

describe(`attachments on S3 (${testDb})`, () => {
  let s3: { run(): Promise<{ port: number }>; close(): Promise<void> };
  let s3Dir: string;
  let proxy: Server;
  /** What the server asked of the bucket: `METHOD /bucket/key?query`, in order. */
  const calls: string[] = [];
  let server: TestServer;
  let p1: TestClient;
  let p2: TestClient;

  const upload = (client: TestClient, ...files: [string, Buffer][]) => {
    const body = new FormData();
    for (const [name, bytes] of files) body.append('file', new Blob([new Uint8Array(bytes)]), name);
    return client.request('POST', '/api/attachments', body);
  };
  const download = (client: TestClient, id: string) =>
    fetch(`${server.url}/api/attachments/${id}`, { headers: { cookie: client.cookieHeader() } });
  const objectKeys = async () => {
    const keys: string[] = [];
    for await (const key of server.ctx.blobs.list()) keys.push(key);
    return keys.sort();
  };
  const walk = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : [join(dir, e.name)],
    );

  beforeAll(async () => {
    s3Dir = mkdtempSync(join(tmpdir(), 'confide-s3-'));
    s3 = new S3rver({
      address: '127.0.0.1',
      port: 0,
      silent: true,
      directory: s3Dir,
      configureBuckets: [{ name: BUCKET, configs: [] }],
    });
    const { port } = await s3.run();
    // Between the server and s3rver: a proxy that records each call, and answers
    // AbortMultipartUpload as S3 does (s3rver 3.7 does not implement it): the parts are dropped.
    proxy = createServer((req, res) => {
      const url = new URL(req.url ?? '/', 'http://s3');
      calls.push(`${req.method} ${url.pathname}${url.search}`);
      const uploadId = url.searchParams.get('uploadId');
      if (req.method === 'DELETE' && uploadId && /^[\w-]+$/.test(uploadId)) {
        rmSync(join(s3Dir, BUCKET, '._S3rver_uploads', uploadId), { recursive: true, force: true });
        res.writeHead(204).end();
        return;
      }
      const onward = forward({ port, path: req.url, method: req.method, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      req.pipe(onward);
    });
    await new Promise<void>((listening) => proxy.listen(0, '127.0.0.1', listening));
    const proxyPort = (proxy.address() as AddressInfo).port;
    // The store takes credentials from the standard AWS environment, as in production.
    process.env.AWS_ACCESS_KEY_ID = 'S3RVER';
    process.env.AWS_SECRET_ACCESS_KEY = 'S3RVER';
    server = await startTestServer({ BLOB_STORE: `s3://${BUCKET}`, S3_ENDPOINT: `http://127.0.0.1:${proxyPort}` });
    const fixture = standardPractice(uniqueSlug('s3'));
    const slug = fixture.practice.slug;
    await server.seed(fixture);
    p1 = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    p2 = await server.client().login(slug, emailOf(slug, 'p2'), PASSWORD);
  });
  afterAll(async () => {
    await server?.close();
    await new Promise((closed) => proxy?.close(closed));
    await s3?.close();
    rmSync(s3Dir, { recursive: true, force: true });
  });

  it('R31: small and 10 MiB files round-trip through the bucket byte for byte, and only the uploader sees them', async () => {
    const small = sample.sampleDocx();
    const big = sample.samplePdfOfSize(10 * MiB);
    const res = await upload(p1, ['plan.docx', small], ['scan.pdf', big]);
    expect(res.status).toBe(201);
    const [first, second] = res.body.attachments;
    expect(second.size).toBe(10 * MiB);
    expect(sha(await (await download(p1, first.id)).arrayBuffer())).toBe(sha(small));
    const got = await download(p1, second.id);
    expect(got.headers.get('content-length')).toBe(String(10 * MiB));
    expect(sha(await got.arrayBuffer())).toBe(sha(big));
    expect((await download(p2, first.id)).status).toBe(404);
    const rows = await server.db.selectFrom('attachments').select('blob_key').execute();
    expect(await objectKeys()).toEqual(rows.map((r) => r.blob_key).sort());
  });

  it('R34: a refused file among several leaves no object in the bucket', async () => {
    const before = await objectKeys();
    const res = await upload(p1, ['a.pdf', sample.samplePdf()], ['b.png', sample.sampleHtml()]);
    expect(res.status).toBe(415);
    expect(await objectKeys()).toEqual(before);
  });

  it('R6/R34: a 10 MiB upload refused only at its last bytes leaves nothing in the bucket: the multipart upload is aborted, its parts gone', async () => {
    const rows = async () => (await server.db.selectFrom('attachments').select('id').execute()).length;
    const before = { keys: await objectKeys(), files: walk(s3Dir), rows: await rows() };
    calls.length = 0;
    const fake = Buffer.concat([sample.samplePdfOfSize(10 * MiB - 256), sample.sampleExe()]);
    const res = await upload(p1, ['big statement.pdf', fake]);
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('must have a PDF’s structure');
    // A 5 MiB part went up before the last bytes were seen; then the upload was aborted, never completed.
    expect(calls.filter((call) => /^POST .*\?uploads/.test(call))).toHaveLength(1);
    expect(calls.filter((call) => /^PUT .*partNumber=/.test(call))).toHaveLength(1);
    expect(calls.filter((call) => /^PUT /.test(call) && !/partNumber=/.test(call))).toEqual([]);
    expect(calls.filter((call) => /^POST .*uploadId=/.test(call))).toEqual([]);
    expect(calls.filter((call) => /^DELETE .*uploadId=/.test(call))).toHaveLength(1);
    expect(await objectKeys()).toEqual(before.keys);
    expect(walk(s3Dir)).toEqual(before.files);
    expect(await rows()).toBe(before.rows);
  });

  it('R6/R34: a small upload refused only at its last bytes never reaches the bucket', async () => {
    const before = walk(s3Dir);
    calls.length = 0;
    const res = await upload(p1, ['statement.pdf', Buffer.concat([sample.samplePdf(), sample.sampleExe()])]);
    expect(res.status).toBe(415);
    expect(calls.filter((call) => /^(PUT|POST) /.test(call))).toEqual([]);
    expect(walk(s3Dir)).toEqual(before);
  });

  it('R31: the bucket holds neither the file name nor the file content in plaintext', async () => {
    const name = 'Bucket-Canary-Name-5512.csv';
    const res = await upload(p1, [name, Buffer.from('BUCKET-CANARY-CONTENT,'.repeat(3000))]);
    expect(res.status).toBe(201);
    for (const file of walk(s3Dir)) {
      const bytes = readFileSync(file);
      expect(bytes.includes(Buffer.from('Bucket-Canary')), file).toBe(false);
      expect(bytes.includes(Buffer.from('BUCKET-CANARY-CONTENT')), file).toBe(false);
    }
  });

  it('R19: the sweep removes objects whose row is gone, and unsent files after 24 hours', async () => {
    const res = await upload(p1, ['gone.pdf', sample.samplePdf()], ['unsent.png', sample.samplePng()]);
    const [gone, unsent] = res.body.attachments;
    const keyOf = async (id: string) =>
      (await server.db.selectFrom('attachments').select('blob_key').where('id', '=', id).executeTakeFirstOrThrow())
        .blob_key;
    const goneKey = await keyOf(gone.id);
    const unsentKey = await keyOf(unsent.id);
    await server.db.deleteFrom('attachments').where('id', '=', gone.id).execute();
    await sweepAttachments(server.ctx, new Date(Date.now() + 2 * 60 * 60 * 1000));
    const keys = await objectKeys();
    expect(keys).not.toContain(goneKey);
    expect(keys).toContain(unsentKey);
    await sweepAttachments(server.ctx, new Date(Date.now() + 25 * 60 * 60 * 1000));
    expect(await objectKeys()).toEqual([]);
    expect(await server.db.selectFrom('attachments').select('id').execute()).toEqual([]);
  });
});
