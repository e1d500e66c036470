import { USER_TEXT_KEY } from '@confide/api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDb } from '../../test/harness';
import { startMessagingWorld, type MessagingWorld } from '../modules/threads/messaging.test-helpers';

interface JsonSchema {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  properties?: Record<string, JsonSchema>;
  items?: JsonSchema | JsonSchema[];
  additionalProperties?: JsonSchema | boolean;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
  [USER_TEXT_KEY]?: string;
}

/**
 * Request fields that are strings but no one's text to show: secrets kept byte for byte (a
 * password is hashed, never displayed; stripping would change it behind the person's back).
 */
const SECRETS = new Set(['password', 'currentPassword', 'newPassword']);

/** Every string leaf of a request schema: its path and whether it is closed or cleaned. */
function stringLeaves(schema: JsonSchema, path: string, resolve: (ref: string) => JsonSchema): [string, boolean][] {
  if (schema.$ref) return stringLeaves(resolve(schema.$ref), path, resolve);
  const nested = [...(schema.anyOf ?? []), ...(schema.oneOf ?? []), ...(schema.allOf ?? [])];
  const leaves = nested.flatMap((s) => stringLeaves(s, path, resolve));
  for (const [key, value] of Object.entries(schema.properties ?? {})) {
    leaves.push(...stringLeaves(value, `${path}.${key}`, resolve));
  }
  for (const item of [schema.items ?? []].flat()) leaves.push(...stringLeaves(item, `${path}[]`, resolve));
  if (typeof schema.additionalProperties === 'object') {
    leaves.push(...stringLeaves(schema.additionalProperties, `${path}{}`, resolve));
  }
  const types = [schema.type ?? []].flat();
  if (types.includes('string')) {
    const field = path.split('.').pop() ?? '';
    const isClosed =
      schema.enum !== undefined ||
      schema.const !== undefined ||
      schema.pattern !== undefined ||
      schema.format === 'email' ||
      schema[USER_TEXT_KEY] !== undefined ||
      SECRETS.has(field);
    leaves.push([path, isClosed]);
  }
  return leaves;
}

describe(`user text fields (${testDb})`, () => {
  let w: MessagingWorld;
  const to = (...keys: string[]) => keys.map((k) => ({ userId: w.ids[k] as string }));
  const BODY = '<p>Long enough to be sent.</p>';

  beforeAll(async () => {
    w = await startMessagingWorld('txt');
  });
  afterAll(() => w.close());

  it('R4/R5: every string a route takes is cleaned of control and format characters, closed by a pattern, or a secret', async () => {
    const res = await fetch(`${w.server.url}/api/openapi.json`);
    const doc = (await res.json()) as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; schema: JsonSchema }[];
            requestBody?: { content: Record<string, { schema: JsonSchema }> };
          }
        >
      >;
      components?: { schemas?: Record<string, JsonSchema> };
    };
    const resolve = (ref: string) => doc.components?.schemas?.[ref.split('/').pop() ?? ''] ?? {};
    const leaves: [string, boolean][] = [];
    for (const [path, operations] of Object.entries(doc.paths)) {
      for (const [method, operation] of Object.entries(operations)) {
        const where = `${method.toUpperCase()} ${path}`;
        for (const parameter of operation.parameters ?? []) {
          leaves.push(...stringLeaves(parameter.schema, `${where} ${parameter.name}`, resolve));
        }
        for (const [type, content] of Object.entries(operation.requestBody?.content ?? {})) {
          leaves.push(...stringLeaves(content.schema, `${where} ${type}`, resolve));
        }
      }
    }
    const open = leaves.filter(([, isClosed]) => !isClosed).map(([path]) => path);
    expect(open, 'build these fields from TextLine / TextBlock of @confide/api').toEqual([]);
    // The walk saw the fields that matter (guards against a walker that finds nothing).
    const seen = leaves.map(([path]) => path);
    for (const field of [
      'POST /api/threads application/json.subject',
      'POST /api/threads application/json.body',
      'POST /api/admin/clients application/json.name',
      'PATCH /api/admin/settings application/json.responseTimeText',
      'POST /api/threads/{id}/quick-note application/json.content',
      'POST /api/drafts application/json.subject',
      'GET /api/recipients q',
    ]) {
      expect(seen).toContain(field);
    }
  });

  it('R4: a missing, blank or invisible subject answers subject_required, for a send and a draft send', async () => {
    const p1 = await w.as('p1');
    for (const subject of [undefined, '', '   ', '\u0000', '\u202e', '\u200b\u2060']) {
      const res = await p1.post('/api/threads', { to: to('c1'), subject, body: BODY });
      expect(res.status, JSON.stringify(subject)).toBe(400);
      expect(res.body.error.code).toBe('subject_required');
      const draft = (await p1.post('/api/drafts', { to: to('c1'), subject, body: BODY })).body.draft;
      const sent = await p1.post(`/api/drafts/${draft.id}/send`);
      expect(sent.status, JSON.stringify(subject)).toBe(400);
      expect(sent.body.error.code).toBe('subject_required');
    }
  });

  it('R4/R5: bidi overrides and NULs are stripped from subjects and bodies; twenty NULs are no body', async () => {
    const p1 = await w.as('p1');
    const nul = await p1.post('/api/threads', { to: to('c1'), subject: 'Hi', body: '\u0000'.repeat(20) });
    expect(nul.status).toBe(400);
    expect(nul.body.error.code).toBe('body_too_short');
    const sent = await p1.post('/api/threads', {
      to: to('c1'),
      subject: 'Invoice\u202efdp.exe\u0000',
      body: '<p>Plea\u0000se \u2066read\u2069 &#x202e;this.</p>',
    });
    expect(sent.status).toBe(201);
    const thread = (await (await w.as('c1')).get(`/api/threads/${sent.body.thread.id}`)).body.thread;
    expect(thread.subject).toBe('Invoicefdp.exe');
    expect(thread.messages[0].body).toBe('<p>Please read this.</p>');
  });

  it('R35: names and settings texts are cleaned; a name of only NUL is refused', async () => {
    const admin = await w.as('admin');
    const blank = await admin.post('/api/admin/clients', { name: '\u0000', email: 'nul@txt.example' });
    expect(blank.status).toBe(400);
    expect(blank.body.error.code).toBe('validation_failed');
    const client = await admin.post('/api/admin/clients', { name: 'Ann\u202e Lee\u0007', email: 'ann@txt.example' });
    expect(client.status).toBe(201);
    expect(client.body.client.name).toBe('Ann Lee');
    const renamed = await admin.patch(`/api/admin/clients/${client.body.client.id}`, { name: '\u2067Bo\u2069b' });
    expect(renamed.body.client.name).toBe('Bob');
    const staff = await admin.post('/api/admin/staff', {
      name: 'Dr\u200b Kay',
      email: 'kay@txt.example',
      role: 'biller',
    });
    expect(staff.body.member.name).toBe('Dr Kay');
    const settings = await admin.patch('/api/admin/settings', { responseTimeText: '\u202e2 days\u0000' });
    expect(settings.body.settings.responseTimeText).toBe('2 days');
    expect((await admin.patch('/api/admin/settings', { responseTimeText: '\u0000' })).status).toBe(400);
  });

  it('R15: a chart note keeps its lines and loses its control characters', async () => {
    const p1 = await w.as('p1');
    const thread = (await p1.post('/api/threads', { to: to('c1'), subject: 'Note', body: BODY })).body.thread;
    const note = await p1.post(`/api/threads/${thread.id}/quick-note`, { content: 'Line\u0000 one\r\n\u202eLine two' });
    expect(note.status).toBe(201);
    expect(note.body.note.content).toBe('Line one\nLine two');
    expect((await p1.post(`/api/threads/${thread.id}/quick-note`, { content: '\u0000\u200b' })).status).toBe(400);
  });
});
