import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../../test/harness';
import type { TestClient } from '../../../test/client';
import { sanitizeFileName } from './file-name';
import * as sample from './test-samples';
import { acceptedFiles, refusedFiles } from './upload-corpus';

describe(`upload corpus (${testDb})`, () => {
  let server: TestServer;
  let p1: TestClient;

  const upload = (name: string, bytes: Buffer) => {
    const body = new FormData();
    body.append('file', new Blob([new Uint8Array(bytes)]), name);
    return p1.request('POST', '/api/attachments', body);
  };
  const stored = async () => {
    const rows = await server.db
      .selectFrom('attachments')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const dir = join(server.dataDir, 'blobs');
    const blobs = existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile()).length : 0;
    return [Number(rows.n), blobs];
  };

  beforeAll(async () => {
    server = await startTestServer();
    const fixture = standardPractice(uniqueSlug('corpus'));
    await server.seed(fixture);
    p1 = await server.client().login(fixture.practice.slug, emailOf(fixture.practice.slug, 'p1'), PASSWORD);
  });
  afterAll(() => server.close());

  it(`R6: all ${refusedFiles.length} files of the attack corpus are refused with 415 naming the file and the rule; nothing is stored`, async () => {
    const before = await stored();
    let refused = 0;
    for (const file of refusedFiles) {
      const res = await upload(file.name, file.bytes);
      expect(res.status, file.label).toBe(415);
      expect(await stored(), `nothing left after ${file.label}`).toEqual(before);
      expect(res.body.error.code, file.label).toBe('attachment_type_not_allowed');
      expect(res.body.error.message, file.label).toContain(`“${sanitizeFileName(file.name) || 'unnamed file'}”`);
      expect(res.body.error.message, file.label).toContain(file.refusal);
      if (res.status === 415) refused += 1;
    }
    expect(refused).toBe(refusedFiles.length);
    expect(await stored()).toEqual(before);
  });

  it(`R6: all ${acceptedFiles.length} real files of the corpus still pass, byte for byte, under a safe name`, async () => {
    for (const file of acceptedFiles) {
      const res = await upload(file.name, file.bytes);
      expect(res.status, `${file.label}: ${JSON.stringify(res.body)}`).toBe(201);
      const attachment = res.body.attachments[0];
      expect(attachment.name, file.label).toBe(file.storedAs ?? file.name);
      const got = await fetch(`${server.url}/api/attachments/${attachment.id}`, {
        headers: { cookie: p1.cookieHeader() },
      });
      expect(Buffer.from(await got.arrayBuffer()).equals(file.bytes), file.label).toBe(true);
    }
  });

  it('R6/R34: a 10 MiB "%PDF-" upload refused only at its last byte leaves nothing behind', async () => {
    const before = await stored();
    const fake = Buffer.concat([sample.samplePdfOfSize(10 * 1024 * 1024 - 256), sample.sampleExe()]);
    const res = await upload('big statement.pdf', fake);
    expect(res.status).toBe(415);
    expect(res.body.error.message).toContain('must have a PDF’s structure');
    expect(await stored()).toEqual(before);
  });
});
