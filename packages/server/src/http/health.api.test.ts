import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import { freePort } from '../../test/pg-cluster';

describe(`health probes (${testDb})`, () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    await server?.close();
  });

  it('R54: GET /healthz and GET /readyz answer 200 without a session, and say nothing about practices or people', async () => {
    const client = server.client();
    const alive = await client.get('/healthz');
    expect(alive.status).toBe(200);
    expect(alive.body).toEqual({ status: 'alive' });
    const ready = await client.get('/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  it('R54: /readyz answers 503 unavailable with Retry-After when the database does not answer; /healthz stays 200', async () => {
    const db = server.ctx.db;
    // A database that is away: nothing listens where it should be.
    const gone = openDatabase({ databaseUrl: `postgres://nobody@127.0.0.1:${await freePort()}/gone`, dataDir: '' });
    server.ctx.db = gone.db;
    try {
      const ready = await server.client().get('/readyz');
      expect(ready.status).toBe(503);
      expect(ready.body.error.code).toBe('unavailable');
      expect(ready.headers.get('retry-after')).toMatch(/^\d+$/);
      expect((await server.client().get('/healthz')).status).toBe(200);
    } finally {
      server.ctx.db = db;
      await gone.close();
    }
  });
});
