import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

const apiInclude = ['packages/server/src/**/*.api.test.ts'];
// The fault tier (R54): `npm run test:faults` (CONFIDE_FAULTS=full) runs every scenario; a plain
// `vitest run` (npm test) runs only the quick ones listed here.
const faultInclude =
  process.env.CONFIDE_FAULTS === 'full'
    ? ['packages/server/src/**/*.fault.test.ts']
    : ['packages/server/src/faults/shutdown.fault.test.ts', 'packages/server/src/faults/disk-full.fault.test.ts'];

export default defineConfig({
  test: {
    // The API and fault files spend most of their time waiting (servers, PostgreSQL, child
    // processes, SMTP retries): one file per core, where vitest's default leaves one core idle.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
          exclude: ['**/*.api.test.ts', '**/*.fault.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api-sqlite',
          include: apiInclude,
          isolate: false,
          env: { CONFIDE_TEST_DB: 'sqlite' },
          globalSetup: ['packages/server/test/build-server.ts', 'packages/server/test/sqlite-template.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api-postgres',
          include: apiInclude,
          isolate: false,
          env: { CONFIDE_TEST_DB: 'postgres' },
          globalSetup: ['packages/server/test/build-server.ts', 'packages/server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        // Real server processes (the built `confide` command) killed, PostgreSQL restarted or
        // frozen, a full disk. Each file starts what it needs.
        test: {
          name: 'faults',
          // Alone, after the other files: each scenario loads the machine and measures recovery.
          maxWorkers: 1,
          include: faultInclude,
          globalSetup: ['packages/server/test/build-server.ts'],
          testTimeout: 180_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
