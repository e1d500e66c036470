import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../test/harness';
import { waitFor } from '../test/smtp';
import { readMailbox } from './email/mailbox';

/** Every file and folder below `dir` (itself included) with its permission bits, e.g. `{ 'blobs/': 0o700 }`. */
function modesBelow(dir: string, root = dir): Record<string, number> {
  const modes: Record<string, number> = { [`${relative(root, dir)}/`]: statSync(dir).mode & 0o777 };
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) Object.assign(modes, modesBelow(path, root));
    else modes[relative(root, path)] = statSync(path).mode & 0o777;
  }
  return modes;
}

/** Paths whose mode is not owner-only: folders 0700, files 0600. */
function looserThanOwner(modes: Record<string, number>): string[] {
  return Object.entries(modes)
    .filter(([path, mode]) => mode !== (path.endsWith('/') ? 0o700 : 0o600))
    .map(([path, mode]) => `${path} ${mode.toString(8)}`);
}

describe(`files of the embedded default are the owner's alone (${testDb})`, () => {
  let parent: string;
  let server: TestServer | undefined;

  beforeAll(() => {
    parent = mkdtempSync(join(tmpdir(), 'confide-modes-'));
  });
  afterAll(async () => {
    await server?.close();
    rmSync(parent, { recursive: true, force: true });
  });

  it('R32: database, WAL, SHM, master key, blobs and mailbox are created 0600 in 0700 folders', async () => {
    const dataDir = join(parent, 'fresh', 'data');
    server = await startTestServer({ DATA_DIR: dataDir });
    const slug = uniqueSlug('modes');
    await server.seed(standardPractice(slug));
    const p1 = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    const body = new FormData();
    body.append('file', new Blob(['a,b\n1,2\n']), 'list.csv');
    expect((await p1.request('POST', '/api/attachments', body)).status).toBe(201);
    await server.client().post('/api/auth/password-reset', { practice: slug, email: emailOf(slug, 'fo') });
    await waitFor('the reset email', async () => (await readMailbox(dataDir)).length > 0);

    const modes = modesBelow(dataDir);
    const expected = ['master.key', 'mailbox.jsonl', 'blobs/'];
    if (testDb === 'sqlite') expected.push('confide.db', 'confide.db-wal', 'confide.db-shm');
    for (const path of expected) expect(Object.keys(modes), path).toContain(path);
    expect(Object.keys(modes).filter((p) => p.startsWith('blobs/') && p !== 'blobs/').length).toBeGreaterThan(0);
    expect(looserThanOwner(modes)).toEqual([]);
    await server.close();
    server = undefined;
  });

  it('R32: a DATA_DIR made by hand (0755, with a 0644 database) is tightened on start', async () => {
    const dataDir = join(parent, 'by-hand');
    mkdirSync(dataDir, { mode: 0o755 });
    chmodSync(dataDir, 0o755);
    if (testDb === 'sqlite') {
      writeFileSync(join(dataDir, 'confide.db'), '', { mode: 0o644 });
      chmodSync(join(dataDir, 'confide.db'), 0o644);
    }
    server = await startTestServer({ DATA_DIR: dataDir });
    expect(looserThanOwner(modesBelow(dataDir))).toEqual([]);
  });
});
