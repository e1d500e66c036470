import { resolve } from 'node:path';
import { z } from 'zod';

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
  /** Behind a reverse proxy: take the client address from X-Forwarded-For (TRUST_PROXY=1). */
  trustProxy: boolean;
  /** The master key being replaced, for `confide keys rotate` (MASTER_KEY_PREVIOUS). */
  previousMasterKey: string | null;
  /** The built web app to serve (WEB_DIR); null: packages/web/dist beside the server. */
  webDir: string | null;
}

/** A configuration value that cannot be used; the message says which and why. */
export class ConfigError extends Error {}

/** An optional variable: trimmed, with an empty value the same as unset. */
const optional = z
  .string()
  .optional()
  .transform((value) => value?.trim() || undefined);

/** A variable that must satisfy `isValid`; otherwise the message names it and says why. */
function checked(isValid: (value: string) => boolean, problem: (value: string) => string) {
  return optional.superRefine((value, ctx) => {
    if (value !== undefined && !isValid(value)) ctx.addIssue({ code: 'custom', message: problem(value) });
  });
}

function wholeNumber(name: string, fallback: number, min: number, max: number, what: string) {
  return optional.transform((value, ctx) => {
    if (value === undefined) return fallback;
    const number = Number(value);
    if (Number.isInteger(number) && number >= min && number <= max) return number;
    ctx.addIssue({ code: 'custom', message: `${name} must be a whole number ${what}; got "${value}"` });
    return z.NEVER;
  });
}

const isBase64Key = (value: string) => Buffer.from(value, 'base64').length === 32 && /^[A-Za-z0-9+/]+=*$/.test(value);
const S3_BUCKET = /^s3:\/\/([a-z0-9][a-z0-9.-]{1,61}[a-z0-9])\/?$/;

/** Every variable Confide reads, in the order problems are reported. */
const Environment = z.object({
  DATA_DIR: optional,
  PORT: wholeNumber('PORT', 3000, 0, 65535, 'from 0 to 65535'),
  HOST: optional,
  DATABASE_URL: checked(
    (value) => /^postgres(ql)?:\/\//.test(value),
    (value) =>
      `DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite); got "${redact(value)}"`,
  ),
  BLOB_STORE: checked(
    (value) => S3_BUCKET.test(value),
    (value) => `BLOB_STORE must be s3://bucket-name (leave it unset for files under DATA_DIR); got "${value}"`,
  ),
  S3_ENDPOINT: optional,
  AWS_REGION: optional,
  AWS_DEFAULT_REGION: optional,
  MASTER_KEY: checked(
    isBase64Key,
    () => 'MASTER_KEY must be 32 random bytes in base64 (e.g. `openssl rand -base64 32`)',
  ),
  MASTER_KEY_FILE: optional,
  MASTER_KEY_PREVIOUS: checked(isBase64Key, () => 'MASTER_KEY_PREVIOUS must be 32 bytes in base64, like MASTER_KEY'),
  DB_TIMEOUT_MS: wholeNumber('DB_TIMEOUT_MS', 5_000, 100, 600_000, 'of milliseconds from 100 to 600000'),
  SHUTDOWN_GRACE_MS: wholeNumber('SHUTDOWN_GRACE_MS', 10_000, 100, 600_000, 'of milliseconds from 100 to 600000'),
  SMTP_URL: checked(
    (value) => /^smtps?:\/\//.test(value),
    (value) => `SMTP_URL must start with smtp:// or smtps://; got "${redact(value)}"`,
  ),
  PUBLIC_URL: checked(
    isHttpUrl,
    (value) => `PUBLIC_URL must be an http(s) URL such as https://confide.example.org; got "${value}"`,
  ),
  TRUST_PROXY: checked(
    (value) => ['0', '1', 'true', 'false'].includes(value),
    (value) => `TRUST_PROXY must be 1 (behind a reverse proxy) or 0; got "${value}"`,
  ),
  LOG_LEVEL: optional,
  NODE_ENV: optional,
  WEB_DIR: optional,
});

/** Reads and validates the configuration from an environment (process.env by default), in one place. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  const parsed = Environment.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => issue.message);
    throw new ConfigError(`Confide cannot start; fix these settings:\n  - ${problems.join('\n  - ')}`);
  }
  const vars = parsed.data;
  const dataDir = resolve(vars.DATA_DIR ?? './data');
  const bucket = vars.BLOB_STORE ? S3_BUCKET.exec(vars.BLOB_STORE)?.[1] : undefined;
  const masterKey: Config['masterKey'] = vars.MASTER_KEY
    ? { kind: 'env', value: vars.MASTER_KEY }
    : vars.MASTER_KEY_FILE
      ? { kind: 'file', path: resolve(vars.MASTER_KEY_FILE), createIfMissing: false }
      : { kind: 'file', path: resolve(dataDir, 'master.key'), createIfMissing: true };
  const config: Config = {
    dataDir,
    databaseUrl: vars.DATABASE_URL ?? null,
    blobStore: bucket
      ? {
          kind: 's3',
          bucket,
          endpoint: vars.S3_ENDPOINT ?? null,
          region: vars.AWS_REGION ?? vars.AWS_DEFAULT_REGION ?? 'us-east-1',
        }
      : { kind: 'local', dir: resolve(dataDir, 'blobs') },
    masterKey,
    smtpUrl: vars.SMTP_URL ?? null,
    publicUrl: (vars.PUBLIC_URL ?? `http://localhost:${vars.PORT}`).replace(/\/+$/, ''),
    port: vars.PORT,
    host: vars.HOST ?? '127.0.0.1',
    logLevel: vars.LOG_LEVEL ?? 'info',
    isProduction: vars.NODE_ENV === 'production',
    dbTimeoutMs: vars.DB_TIMEOUT_MS,
    shutdownGraceMs: vars.SHUTDOWN_GRACE_MS,
    trustProxy: vars.TRUST_PROXY === '1' || vars.TRUST_PROXY === 'true',
    previousMasterKey: vars.MASTER_KEY_PREVIOUS ?? null,
    webDir: vars.WEB_DIR ? resolve(vars.WEB_DIR) : null,
  };
  return Object.freeze(config);
}

function isHttpUrl(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

/** Hides a password inside a URL before it is shown in an error. */
function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
