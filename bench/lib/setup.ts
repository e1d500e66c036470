import type { SeedAnswer, SeedRequest } from './seed-direct.ts';
import {
  login,
  newStore,
  PASSWORD,
  type Session,
  type Product,
  seedDirect,
  seedPractice,
  startProduct,
  type Store,
} from './product.ts';
import type { BenchOptions } from './scenario.ts';

/** A running product with the bench practice (and any bulk data) ready. */
export interface Setup {
  store: Store;
  product: Product;
  slug: string;
  practiceId: string;
  ids: Record<string, string>;
  seeded: SeedAnswer;
  stop(): Promise<void>;
}

let practices = 0;
/** Fresh store → `confide seed --file` → bulk seeding → `confide serve`. */
export async function setUp(
  options: BenchOptions,
  bulk?: (ids: Record<string, string>) => Omit<SeedRequest, 'practiceId'>,
): Promise<Setup> {
  const store = await newStore(options.pgUrl);
  try {
    practices += 1;
    const slug = `bench-${practices}`;
    let t = Date.now();
    const lap = () => {
      const s = (Date.now() - t) / 1000;
      t = Date.now();
      return s.toFixed(1);
    };
    const { practiceId, ids } = await seedPractice(store, slug);
    const practiceSeconds = lap();
    const seeded = bulk
      ? await seedDirect(store, { practiceId, ...bulk(ids) })
      : { clientIds: [], threadIds: [], sessions: [] };
    const bulkSeconds = lap();
    const product = await startProduct(store, options.profileDir ? { profileDir: options.profileDir } : {});
    process.stdout.write(
      `  set-up: practice ${practiceSeconds} s, bulk data ${bulkSeconds} s, server ready ${lap()} s\n`,
    );
    return {
      store,
      product,
      slug,
      practiceId,
      ids,
      seeded,
      stop: async () => {
        await product.stop();
        await store.dispose();
      },
    };
  } catch (error) {
    await store.dispose();
    throw error;
  }
}

/** A simulated portal client: a session and a thread with their provider. */
export interface PoolMember {
  clientId: string;
  providerKey: string;
  threadId: string;
  session: Session;
}

/** The one practice every scenario of a run shares: staff signed in, a pool of clients, a big mailbox. */
export interface World extends Setup {
  staff: Record<string, Session>;
  pool: PoolMember[];
  /** the front-office member whose inbox holds `mailboxThreads` threads */
  reader: Session;
  mailboxThreads: number;
}

export const sizes = (quick: boolean) => ({
  // The practice day ramps up to 16,000 users, each a client with their own session.
  pool: quick ? 60 : 16_000,
  mailbox: quick ? 2000 : 100_000,
});

let world: Promise<World> | null = null;
let worldSetup: Setup | null = null;
/** Creates the shared world on first use (seeding takes a while at full size). */
export function getWorld(options: BenchOptions): Promise<World> {
  world ??= (async () => {
    const size = sizes(options.quick);
    const providerKeys = ['p1', 'p2', 'p3', 'p4'];
    const setup = await setUp(options, (ids) => ({
      clients: {
        count: size.pool,
        providerIds: providerKeys.map((k) => ids[k]!),
        password: PASSWORD,
        prefix: 'pool',
        withThreads: true,
      },
      sessionsFor: Array.from({ length: size.pool }, (_, i) => `new:${i}`),
      mailbox: { readerId: ids.fo!, senderIds: ['c1', 'c2', 'c3', 'c4'].map((k) => ids[k]!), threads: size.mailbox },
    }));
    worldSetup = setup;
    const staff: Record<string, Session> = {};
    for (const key of [...providerKeys, 'fo'])
      staff[key] = await login(setup.product.url, setup.slug, `${key}@bench.example`);
    const pool = setup.seeded.sessions.map((session, i) => ({
      clientId: setup.seeded.clientIds[i]!,
      providerKey: providerKeys[i % providerKeys.length]!,
      threadId: setup.seeded.threadIds[i]!,
      session,
    }));
    return { ...setup, staff, pool, reader: staff.fo!, mailboxThreads: size.mailbox };
  })();
  return world;
}

/** Stops the shared world's server and removes its data. */
export async function stopWorld(): Promise<void> {
  if (worldSetup) await worldSetup.stop();
  worldSetup = null;
  world = null;
}

/** The shared world's server, if one was started. */
export async function currentProduct(): Promise<Product | null> {
  return worldSetup?.product ?? null;
}
