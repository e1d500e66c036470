import { defineConfig } from 'vitest/config';

const apiInclude = ['packages/server/src/**/*.api.test.ts'];

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['packages/*/src/**/*.test.ts', 'packages/*/src/**/*.test.tsx'],
          exclude: ['**/*.api.test.ts', '**/node_modules/**'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'api-sqlite',
          include: apiInclude,
          env: { CONFIDE_TEST_DB: 'sqlite' },
          globalSetup: ['packages/server/test/build-server.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'api-postgres',
          include: apiInclude,
          env: { CONFIDE_TEST_DB: 'postgres' },
          globalSetup: ['packages/server/test/build-server.ts', 'packages/server/test/global-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
