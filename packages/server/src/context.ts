import type pg from 'pg';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock } from './clock';
import type { Config } from './config';
import type { Db } from './db';
import type { KeyRing } from './crypto/keyring';
import type { EventBus } from './realtime/bus';
import type { BlobStore } from './storage/blob-store';

/** Mail delivery, as operations see it: they queue in the outbox, then nudge the worker. */
export interface MailWaker {
  wake(): void;
}

/** What every route and operation may use; built once in main.ts (or by the test harness). */
export interface AppContext {
  config: Readonly<Config>;
  db: Db;
  dialect: 'sqlite' | 'postgres';
  pgPool: pg.Pool | null;
  keys: KeyRing;
  log: FastifyBaseLogger;
  bus: EventBus;
  mail: MailWaker;
  blobs: BlobStore;
  /** The time rules run on (R39–R41); tests inject their own. */
  clock: Clock;
}
