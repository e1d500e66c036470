import { resolve } from 'node:path';

/** Everything the server reads from its environment, validated once at start. */
export interface Config {
  dataDir: string;
  databaseUrl: string | null;
  blobStore: { kind: 'local'; dir: string } | { kind: 's3'; bucket: string; endpoint: string | null; region: string };
  masterKey: { kind: 'env'; value: string } | { kind: 'file'; path: string; createIfMissing: boolean };
  smtpUrl: string | null;
  publicUrl: string;
  port: number;
  host: string;
  logLevel: string;
  isProduction: boolean;
  /** The longest a statement or a wait for a database connection may take (R54); then 503. */
  dbTimeoutMs: number;
  /** On SIGTERM, how long in-flight requests may still run before their connections are cut. */
  shutdownGraceMs: number;
}

/** A configuration value that cannot be used; the message says which and why. */
export class ConfigError extends Error {}

/** Reads and validates the configuration from an environment (process.env by default). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const problems: string[] = [];
  const dataDir = resolve(env.DATA_DIR?.trim() || './data');

  const port = parsePort(env.PORT, 3000, 'PORT', problems);
  const host = env.HOST?.trim() || '127.0.0.1';

  let databaseUrl: string | null = null;
  if (env.DATABASE_URL?.trim()) {
    const url = env.DATABASE_URL.trim();
    if (!/^postgres(ql)?:\/\//.test(url)) {
      problems.push(
        `DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite); got "${redact(url)}"`,
      );
    } else {
      databaseUrl = url;
    }
  }

  let blobStore: Config['blobStore'] = { kind: 'local', dir: resolve(dataDir, 'blobs') };
  if (env.BLOB_STORE?.trim()) {
    const value = env.BLOB_STORE.trim();
    const match = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/?$/.exec(value);
    if (!match?.[1]) {
      problems.push(`BLOB_STORE must be s3://bucket-name (leave it unset for files under DATA_DIR); got "${value}"`);
    } else {
      blobStore = {
        kind: 's3',
        bucket: match[1],
        endpoint: env.S3_ENDPOINT?.trim() || null,
        region: env.AWS_REGION?.trim() || env.AWS_DEFAULT_REGION?.trim() || 'us-east-1',
      };
    }
  }

  let masterKey: Config['masterKey'];
  if (env.MASTER_KEY?.trim()) {
    const value = env.MASTER_KEY.trim();
    if (Buffer.from(value, 'base64').length !== 32 || !/^[A-Za-z0-9+/]+=*$/.test(value)) {
      problems.push('MASTER_KEY must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)');
    }
    masterKey = { kind: 'env', value };
  } else if (env.MASTER_KEY_FILE?.trim()) {
    masterKey = { kind: 'file', path: resolve(env.MASTER_KEY_FILE.trim()), createIfMissing: false };
  } else {
    masterKey = { kind: 'file', path: resolve(dataDir, 'master.key'), createIfMissing: true };
  }

  const dbTimeoutMs = parseMs(env.DB_TIMEOUT_MS, 5_000, 'DB_TIMEOUT_MS', problems);
  const shutdownGraceMs = parseMs(env.SHUTDOWN_GRACE_MS, 10_000, 'SHUTDOWN_GRACE_MS', problems);

  const smtpUrl = env.SMTP_URL?.trim() || null;
  if (smtpUrl && !/^smtps?:\/\//.test(smtpUrl)) {
    problems.push(`SMTP_URL must start with smtp:// or smtps://; got "${redact(smtpUrl)}"`);
  }

  let publicUrl = env.PUBLIC_URL?.trim() || `http://localhost:${port}`;
  try {
    const parsed = new URL(publicUrl);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
    publicUrl = publicUrl.replace(/\/+$/, '');
  } catch {
    problems.push(`PUBLIC_URL must be an http(s) URL such as https://confide.example.org; got "${publicUrl}"`);
  }

  if (problems.length > 0) {
    throw new ConfigError(`Confide cannot start; fix these settings:\n  - ${problems.join('\n  - ')}`);
  }
  return Object.freeze({
    dataDir,
    databaseUrl,
    blobStore,
    masterKey,
    smtpUrl,
    publicUrl,
    port,
    host,
    logLevel: env.LOG_LEVEL?.trim() || 'info',
    isProduction: env.NODE_ENV === 'production',
    dbTimeoutMs,
    shutdownGraceMs,
  });
}

function parsePort(value: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (value === undefined || value.trim() === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    problems.push(`${name} must be a whole number from 0 to 65535; got "${value}"`);
    return fallback;
  }
  return port;
}

function parseMs(value: string | undefined, fallback: number, name: string, problems: string[]): number {
  if (value === undefined || value.trim() === '') return fallback;
  const ms = Number(value);
  if (!Number.isInteger(ms) || ms < 100 || ms > 600_000) {
    problems.push(`${name} must be a whole number of milliseconds from 100 to 600000; got "${value}"`);
    return fallback;
  }
  return ms;
}

/** Hides a password inside a URL before it is shown in an error. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
