import { createConfig, lintFromString } from '@redocly/openapi-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, testDb, type TestServer } from '../../test/harness';

interface Operation {
  operationId: string;
  summary: string;
  security: Record<string, string[]>[];
  responses: Record<string, { content?: unknown }>;
}
type Paths = Record<string, Record<string, Operation>>;

describe(`the published OpenAPI document (${testDb})`, () => {
  let server: TestServer;
  let source: string;
  let paths: Paths;

  beforeAll(async () => {
    server = await startTestServer();
    const res = await fetch(`${server.url}/api/openapi.json`);
    expect(res.status).toBe(200);
    source = await res.text();
    paths = (JSON.parse(source) as { paths: Paths }).paths;
  });
  afterAll(() => server.close());

  it("§3: Redocly's recommended rules find no error and no warning", async () => {
    const config = await createConfig({ extends: ['recommended'] });
    const problems = await lintFromString({ source, absoluteRef: 'openapi.json', config });
    const found = problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`);
    expect(found).toEqual([]);
  });

  it('§3: public routes need nothing, reads need the session, changes need the session and the CSRF token', () => {
    expect(paths['/api/auth/login']?.post?.security).toEqual([]);
    expect(paths['/api/threads']?.get?.security).toEqual([{ session: [] }]);
    expect(paths['/api/threads']?.post?.security).toEqual([{ session: [], csrf: [] }]);
  });

  it('§3: creating answers 201, deleting 204, the invitation 202 — each error status with the ErrorBody schema', () => {
    expect(Object.keys(paths['/api/threads']?.post?.responses ?? {})).toContain('201');
    expect(paths['/api/threads/{id}']?.delete?.responses['204']).toEqual({ description: 'No content' });
    expect(Object.keys(paths['/api/auth/logout']?.post?.responses ?? {})).toEqual(['204', '400', '401', '403']);
    expect(Object.keys(paths['/api/admin/clients/{id}/invite']?.post?.responses ?? {})).toContain('202');
    expect(paths['/api/threads']?.post?.responses['403']).toEqual({
      description: 'Error: recipient_not_allowed, client_inactive, agreement_required, forbidden, csrf_failed',
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ErrorBody' } } },
    });
  });
});
