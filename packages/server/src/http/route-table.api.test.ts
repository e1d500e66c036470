import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestClient } from '../../test/client';
import { emailOf, PASSWORD, standardPractice, uniqueSlug } from '../../test/fixtures';
import { startTestServer, testDb, type TestServer } from '../../test/harness';
import type { RouteEntry } from './route-table';

const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

interface RawAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** One request exactly as given: no URL normalization (unlike fetch), so encoded and odd paths reach the server as such. */
function rawRequest(base: URL, method: string, path: string, headers: Record<string, string>): Promise<RawAnswer> {
  const body = MUTATING.has(method) ? '{}' : undefined;
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: base.hostname,
        port: base.port,
        method,
        path,
        // Content-Length spelled out: Node sends a DELETE's body without one otherwise.
        headers: {
          ...headers,
          ...(body ? { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)) } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
      },
    );
    req.on('error', (error) => reject(new Error(`${method} ${path}: ${error.message}`)));
    req.end(body);
  });
}

/** A concrete path for a route pattern: every parameter and wildcard filled with a harmless value. */
function concretePath(url: string): string {
  return url.replace(/:[A-Za-z0-9_]+/g, 'route-walk-0000').replace(/\*/g, 'route-walk');
}

/** Every letter and digit of a path percent-encoded; the slashes stay. */
function fullyEncoded(path: string): string {
  return path.replace(/[A-Za-z0-9]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/**
 * R30: the spellings of one path that a router may resolve to the same route. Whether Fastify
 * reaches the route with a form (it does for the encoded and absolute forms; the doubled slash,
 * trailing dot and dot segment are unmatched by default) must not change the guard's answer.
 */
function pathForms(path: string, host: string): Record<string, string> {
  return {
    plain: path,
    'encoded /%61pi': path.replace(/^\/a/, '/%61'),
    'fully encoded': fullyEncoded(path),
    'absolute-form': `http://${host}${path}`,
    'doubled leading slash': `/${path}`,
    'doubled inner slash': path.replace(/^\/api\//, '/api//'),
    'trailing slash': `${path}/`,
    'trailing dot': `${path}.`,
    'dot segment': path.replace(/^\/api\//, '/api/./'),
  };
}

function errorCode(answer: RawAnswer): string | undefined {
  try {
    return (JSON.parse(answer.body) as { error?: { code?: string } }).error?.code;
  } catch {
    return undefined;
  }
}

describe(`the route table meets the guard (${testDb})`, () => {
  let server: TestServer;
  let base: URL;
  let routes: RouteEntry[];
  let staff: TestClient;
  let enrolling: TestClient;
  let admin: TestClient;
  const walked = { requests: 0, routeForms: 0 };

  beforeAll(async () => {
    server = await startTestServer();
    base = new URL(server.url);
    const slug = uniqueSlug('walk');
    const mfaSlug = uniqueSlug('walk-mfa');
    await server.seed(standardPractice(slug));
    await server.seed(standardPractice(mfaSlug, { requireStaffMfa: true }));
    staff = await server.client().login(slug, emailOf(slug, 'p1'), PASSWORD);
    admin = await server.client().login(slug, emailOf(slug, 'admin'), PASSWORD);
    enrolling = await server.client().login(mfaSlug, emailOf(mfaSlug, 'p1'), PASSWORD);
    expect((await enrolling.get('/api/me')).body.mfaEnrollmentRequired).toBe(true);
    routes = server.app.routeTable.filter((r) => !r.config.webApp);
  });
  afterAll(async () => {
    console.info(
      `route-table walk: ${routes.length} routes (method × path), ${walked.routeForms} route × principal × path-form checks, ${walked.requests} requests`,
    );
    await server?.close();
  });

  /** Sends every form of a route's path as one principal; each answer must be `expected` and carry no-store. */
  async function walk(
    principal: string,
    route: RouteEntry,
    headers: Record<string, string>,
    expected: { status: number; code: string },
  ): Promise<string[]> {
    const failures: string[] = [];
    for (const [form, path] of Object.entries(pathForms(concretePath(route.url), base.host))) {
      const answer = await rawRequest(base, route.method, path, headers);
      walked.requests += 1;
      walked.routeForms += 1;
      const code = route.method === 'HEAD' ? expected.code : errorCode(answer);
      if (answer.status !== expected.status || code !== expected.code) {
        failures.push(
          `${principal} ${route.method} ${path} (${form}) → ${answer.status} ${code ?? answer.body.slice(0, 80)}`,
        );
      }
      if (answer.headers['cache-control'] !== 'no-store') {
        failures.push(
          `${principal} ${route.method} ${path} (${form}) → Cache-Control ${String(answer.headers['cache-control'])}`,
        );
      }
    }
    return failures;
  }

  it('R30: the walk covers every route, the API and the WebSocket included', () => {
    const urls = new Set(routes.map((r) => r.url));
    for (const url of [
      '/api/threads',
      '/api/threads/:id',
      '/api/threads/:id/export',
      '/api/admin/staff',
      '/api/events',
      '/api/dev/mailbox',
      '/api/me/out-of-office',
      '/api/admin/staff/:id/out-of-office',
      '/api/agreement',
      '/api/agreement/acceptances',
      '/api/admin/agreement',
      '/api/clients/:id/agreement',
      '/api/auth/passkey',
      '/api/account/passkeys/:id',
      '/api/account/sessions',
      '/api/account/password',
    ]) {
      expect(urls.has(url), url).toBe(true);
    }
    expect(routes.length).toBeGreaterThan(40);
  });

  it('R30: signed out, every route not marked public answers 401 unauthenticated, through every form of its path', async () => {
    const failures: string[] = [];
    for (const route of routes.filter((r) => !r.config.public)) {
      failures.push(...(await walk('signed out', route, {}, { status: 401, code: 'unauthenticated' })));
    }
    expect(failures).toEqual([]);
  });

  it('R29: signed in, every state change without the CSRF token answers 403 csrf_failed, through every form', async () => {
    const failures: string[] = [];
    const headers = { cookie: staff.cookieHeader() };
    for (const route of routes.filter((r) => !r.config.public && MUTATING.has(r.method))) {
      failures.push(...(await walk('staff without CSRF', route, headers, { status: 403, code: 'csrf_failed' })));
    }
    expect(failures).toEqual([]);
  });

  it('R28: staff who must enrol in two-factor get 403 from every route but the enrolment ones, through every form', async () => {
    const failures: string[] = [];
    const headers = { cookie: enrolling.cookieHeader(), 'x-csrf-token': enrolling.csrfToken ?? '' };
    for (const route of routes.filter((r) => !r.config.public && !r.config.duringMfaEnrollment)) {
      failures.push(...(await walk('enrolling staff', route, headers, { status: 403, code: 'forbidden' })));
    }
    expect(failures).toEqual([]);
    // The enrolment session is untouched by the walk: it still reaches the enrolment routes.
    expect((await enrolling.get('/api/me')).status).toBe(200);
  });

  it('R30: every /api answer to a signed-in admin carries Cache-Control: no-store, whatever it says', async () => {
    const failures: string[] = [];
    const headers = { cookie: admin.cookieHeader() };
    for (const route of routes.filter((r) => r.method === 'GET' && r.url.startsWith('/api/'))) {
      for (const [form, path] of Object.entries(pathForms(concretePath(route.url), base.host))) {
        const answer = await rawRequest(base, 'GET', path, headers);
        walked.requests += 1;
        walked.routeForms += 1;
        if (answer.headers['cache-control'] !== 'no-store') {
          failures.push(
            `admin GET ${path} (${form}) → ${answer.status}, Cache-Control ${String(answer.headers['cache-control'])}`,
          );
        }
      }
    }
    expect(failures).toEqual([]);
  });
});
