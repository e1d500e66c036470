import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request, type IncomingHttpHeaders } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDb, type TestServer } from '../../test/harness';

/** One GET with exactly these headers; the body as the bytes that came over the wire (never decoded). */
function rawGet(
  base: string,
  path: string,
  headers: Record<string, string>,
): Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

const decoders: Record<string, (body: Buffer) => Buffer> = {
  br: brotliDecompressSync,
  gzip: gunzipSync,
  identity: (body) => body,
};

describe(`the web app's files, compressed and cached (${testDb})`, () => {
  let server: TestServer;
  let webDir: string;
  const page = Buffer.from(
    `<!doctype html><html lang="en"><head><title>Confide</title>${'<meta name="x" content="y">'.repeat(40)}</head></html>`,
  );
  const script = Buffer.from(
    `export const words = ${JSON.stringify(Array.from({ length: 2000 }, (_, i) => `word ${i % 97}`))};\n`,
  );
  const icon = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');
  const scriptPath = '/assets/app-AbCd_123.js';

  beforeAll(async () => {
    // A build as `vite build` writes it: each text file with a .br and a .gz copy beside it.
    webDir = mkdtempSync(join(tmpdir(), 'confide-web-'));
    mkdirSync(join(webDir, 'assets'));
    for (const [path, bytes] of [
      ['/index.html', page],
      [scriptPath, script],
    ] as const) {
      writeFileSync(join(webDir, path), bytes);
      writeFileSync(join(webDir, `${path}.br`), brotliCompressSync(bytes));
      writeFileSync(join(webDir, `${path}.gz`), gzipSync(bytes));
    }
    writeFileSync(join(webDir, 'favicon.svg'), icon); // too small to be worth a compressed copy
    server = await startTestServer({ WEB_DIR: webDir });
  });
  afterAll(async () => {
    await server?.close();
    rmSync(webDir, { recursive: true, force: true });
  });

  it.each([
    ['br, gzip, deflate', 'br'],
    ['gzip;q=0.5, deflate, br', 'br'],
    ['gzip, deflate, br;q=0.5', 'gzip'],
    ['gzip', 'gzip'],
    ['deflate', 'identity'],
    ['', 'identity'],
  ])(
    'R30: with Accept-Encoding "%s" a hashed asset comes as %s, Vary: Accept-Encoding, immutable for a year, the same bytes once decoded',
    async (acceptEncoding, expected) => {
      const res = await rawGet(server.url, scriptPath, acceptEncoding ? { 'accept-encoding': acceptEncoding } : {});
      expect(res.status).toBe(200);
      expect(res.headers['content-encoding'] ?? 'identity').toBe(expected);
      expect(res.headers.vary?.toLowerCase()).toContain('accept-encoding');
      expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      if (expected !== 'identity') expect(res.body.length).toBeLessThan(script.length / 4);
      expect(decoders[expected]!(res.body).equals(script)).toBe(true);
    },
  );

  it('R30: the page (at /, under /p/ and as /index.html) comes compressed but is revalidated on every load (no-cache)', async () => {
    for (const path of ['/', '/p/riverside/sign-in', '/p/riverside/mail/inbox', '/index.html']) {
      for (const [acceptEncoding, expected] of [
        ['br', 'br'],
        ['gzip', 'gzip'],
        ['', 'identity'],
      ] as const) {
        const res = await rawGet(server.url, path, acceptEncoding ? { 'accept-encoding': acceptEncoding } : {});
        expect(res.status, path).toBe(200);
        expect(res.headers['content-type'], path).toMatch(/^text\/html/);
        expect(res.headers['content-encoding'] ?? 'identity', `${path} ${acceptEncoding}`).toBe(expected);
        expect(res.headers.vary?.toLowerCase(), path).toContain('accept-encoding');
        expect(res.headers['cache-control'], path).toBe('no-cache');
        expect(res.headers['content-security-policy'], path).toContain("script-src 'self'");
        expect(decoders[expected]!(res.body).equals(page), path).toBe(true);
      }
    }
  });

  it('R30: a file with no compressed copy is sent as it is; the copies have no address of their own', async () => {
    const icon2 = await rawGet(server.url, '/favicon.svg', { 'accept-encoding': 'br, gzip' });
    expect(icon2.status).toBe(200);
    expect(icon2.headers['content-encoding']).toBeUndefined();
    expect(icon2.body.equals(icon)).toBe(true);
    // Answered like any address the server does not have (the session guard's 401).
    const unknown = await rawGet(server.url, '/assets/nothing-here.js', { 'accept-encoding': 'br, gzip' });
    expect(unknown.status).not.toBe(200);
    for (const path of [`${scriptPath}.br`, `${scriptPath}.gz`, '/index.html.br']) {
      const res = await rawGet(server.url, path, { 'accept-encoding': 'br, gzip' });
      expect(res.status, path).toBe(unknown.status);
      expect(res.headers['cache-control'], path).toBe('no-store');
    }
  });
});
