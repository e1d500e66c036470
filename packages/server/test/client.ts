/** What a test request answered. */
export interface TestResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
  text: string;
}

/**
 * A signed-in (or not) HTTP client over the real server: keeps the session cookie like a
 * browser and sends the CSRF token on state-changing calls.
 */
export class TestClient {
  private cookies = new Map<string, string>();
  csrfToken: string | null = null;
  user: { id: string } | null = null;

  constructor(readonly baseUrl: string) {}

  /** Signs in; throws unless the server answered 200. */
  async login(practice: string, email: string, password: string, totp?: string): Promise<this> {
    const res = await this.post('/api/auth/login', { practice, email, password, ...(totp ? { totp } : {}) });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
    return this;
  }

  get<T = any>(path: string) {
    return this.request<T>('GET', path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>('POST', path, body);
  }
  put<T = any>(path: string, body?: unknown) {
    return this.request<T>('PUT', path, body);
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>('PATCH', path, body);
  }
  delete<T = any>(path: string) {
    return this.request<T>('DELETE', path);
  }

  /** The Cookie header this client sends (for WebSocket upgrades). */
  cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  /** Any request; `body` may be JSON-able or a FormData. */
  async request<T = any>(
    method: string,
    path: string,
    body?: unknown,
    options: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<TestResponse<T>> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.cookies.size > 0) headers.cookie = this.cookieHeader();
    if (method !== 'GET' && options.csrf !== false && this.csrfToken) headers['x-csrf-token'] = this.csrfToken;
    let payload: RequestInit['body'];
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + path, { method, headers, body: payload, redirect: 'manual' });
    for (const cookie of res.headers.getSetCookie()) {
      const [pair = ''] = cookie.split(';');
      const eq = pair.indexOf('=');
      const name = pair.slice(0, eq).trim();
      const value = pair.slice(eq + 1).trim();
      if (!value || /expires=Thu, 01 Jan 1970/i.test(cookie)) this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    const text = await res.text();
    let parsed: unknown = text;
    if (res.headers.get('content-type')?.includes('application/json') && text) parsed = JSON.parse(text);
    const json = parsed as { csrfToken?: string; user?: { id: string } };
    if (json && typeof json === 'object' && typeof json.csrfToken === 'string') {
      this.csrfToken = json.csrfToken;
      if (json.user) this.user = json.user;
    }
    return { status: res.status, body: parsed as T, headers: res.headers, text };
  }
}
