import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

const problemOf = (env: Record<string, string>): string => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as Error).message;
  }
  throw new Error('loadConfig accepted a bad configuration');
};

describe('loadConfig (§4)', () => {
  it('§4: with nothing set, everything embedded lives under ./data on port 3000', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      dataDir: resolve('./data'),
      databaseUrl: null,
      blobStore: { kind: 'local', dir: resolve('./data/blobs') },
      masterKey: { kind: 'file', path: resolve('./data/master.key'), createIfMissing: true },
      smtpUrl: null,
      publicUrl: 'http://localhost:3000',
      port: 3000,
      host: '127.0.0.1',
      isProduction: false,
    });
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('§4: DATA_DIR moves the database, files and key file together', () => {
    const config = loadConfig({ DATA_DIR: '/srv/confide' });
    expect(config.dataDir).toBe('/srv/confide');
    expect(config.blobStore).toEqual({ kind: 'local', dir: '/srv/confide/blobs' });
    expect(config.masterKey).toEqual({ kind: 'file', path: '/srv/confide/master.key', createIfMissing: true });
  });

  it('§4: PORT must be a whole number; the message names the variable and the value', () => {
    for (const port of ['abc', '3000.5', '70000', '-1']) {
      const message = problemOf({ PORT: port });
      expect(message).toContain('PORT');
      expect(message).toContain(port);
    }
    expect(loadConfig({ PORT: '8080' }).port).toBe(8080);
    expect(loadConfig({ PORT: '8080' }).publicUrl).toBe('http://localhost:8080');
  });

  it('§4: DATABASE_URL takes postgres:// or postgresql:// and refuses others without echoing a password', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db/confide' }).databaseUrl).toBe('postgres://u:p@db/confide');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/confide' }).databaseUrl).toBe('postgresql://db/confide');
    expect(loadConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeNull();
    const message = problemOf({ DATABASE_URL: 'mysql://root:hunter2@db/x' });
    expect(message).toContain('DATABASE_URL');
    expect(message).not.toContain('hunter2');
  });

  it('§4: BLOB_STORE takes s3://bucket with the AWS region and S3_ENDPOINT; anything else is refused', () => {
    expect(
      loadConfig({ BLOB_STORE: 's3://confide-files', AWS_REGION: 'eu-west-1', S3_ENDPOINT: 'http://127.0.0.1:4569' })
        .blobStore,
    ).toEqual({ kind: 's3', bucket: 'confide-files', endpoint: 'http://127.0.0.1:4569', region: 'eu-west-1' });
    expect(loadConfig({ BLOB_STORE: 's3://bucket1/' }).blobStore).toMatchObject({
      bucket: 'bucket1',
      region: 'us-east-1',
    });
    for (const value of ['/var/files', 's3://', 's3://Bad_Bucket', 'gs://bucket']) {
      expect(problemOf({ BLOB_STORE: value })).toContain('BLOB_STORE');
    }
  });

  it('R31: MASTER_KEY must be 32 bytes of base64; MASTER_KEY_FILE names a file that must exist', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ MASTER_KEY: key }).masterKey).toEqual({ kind: 'env', value: key });
    for (const bad of ['short', Buffer.alloc(16).toString('base64'), `${key}!`]) {
      const message = problemOf({ MASTER_KEY: bad });
      expect(message).toContain('MASTER_KEY');
      expect(message).not.toContain(bad);
    }
    expect(loadConfig({ MASTER_KEY_FILE: '/etc/confide/key' }).masterKey).toEqual({
      kind: 'file',
      path: '/etc/confide/key',
      createIfMissing: false,
    });
  });

  it('R21: SMTP_URL must be smtp:// or smtps://', () => {
    expect(loadConfig({ SMTP_URL: 'smtps://u:p@mail.example:465' }).smtpUrl).toBe('smtps://u:p@mail.example:465');
    const message = problemOf({ SMTP_URL: 'http://user:secret@mail.example' });
    expect(message).toContain('SMTP_URL');
    expect(message).not.toContain('secret');
  });

  it('§4: PUBLIC_URL must be http(s); a trailing slash is dropped', () => {
    expect(loadConfig({ PUBLIC_URL: 'https://confide.example.org/' }).publicUrl).toBe('https://confide.example.org');
    expect(problemOf({ PUBLIC_URL: 'ftp://x' })).toContain('PUBLIC_URL');
    expect(problemOf({ PUBLIC_URL: 'not a url' })).toContain('PUBLIC_URL');
  });

  it('§4: every problem is reported at once', () => {
    const message = problemOf({ PORT: 'abc', DATABASE_URL: 'mysql://x', BLOB_STORE: 'nope' });
    expect(message).toMatch(/PORT[\s\S]*DATABASE_URL[\s\S]*BLOB_STORE/);
  });

  it('§4: NODE_ENV=production and LOG_LEVEL are read', () => {
    const config = loadConfig({ NODE_ENV: 'production', LOG_LEVEL: 'warn', HOST: '0.0.0.0' });
    expect(config).toMatchObject({ isProduction: true, logLevel: 'warn', host: '0.0.0.0' });
  });

  it('R54: DB_TIMEOUT_MS (default 5 s) bounds database waits; SHUTDOWN_GRACE_MS bounds a SIGTERM drain', () => {
    expect(loadConfig({})).toMatchObject({ dbTimeoutMs: 5_000, shutdownGraceMs: 10_000 });
    expect(loadConfig({ DB_TIMEOUT_MS: '1500', SHUTDOWN_GRACE_MS: '2000' })).toMatchObject({
      dbTimeoutMs: 1_500,
      shutdownGraceMs: 2_000,
    });
    expect(problemOf({ DB_TIMEOUT_MS: '5s' })).toContain('DB_TIMEOUT_MS must be a whole number of milliseconds');
  });

  it('§4: TRUST_PROXY and MASTER_KEY_PREVIOUS are read here like every other variable; bad values stop the start', () => {
    expect(loadConfig({})).toMatchObject({ trustProxy: false, previousMasterKey: null });
    const previous = Buffer.alloc(32, 7).toString('base64');
    expect(loadConfig({ TRUST_PROXY: '1', MASTER_KEY_PREVIOUS: previous })).toMatchObject({
      trustProxy: true,
      previousMasterKey: previous,
    });
    expect(problemOf({ TRUST_PROXY: 'yes' })).toContain('TRUST_PROXY must be 1');
    const message = problemOf({ MASTER_KEY_PREVIOUS: 'short-and-secret' });
    expect(message).toContain('MASTER_KEY_PREVIOUS');
    expect(message).not.toContain('short-and-secret');
  });
});
