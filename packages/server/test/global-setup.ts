import type { TestProject } from 'vitest/node';
import { startPgCluster } from './pg-cluster';

declare module 'vitest' {
  export interface ProvidedContext {
    pgUrl: string;
  }
}

/** For the PostgreSQL run: one throwaway cluster for the whole run; each test file makes its own database. */
export default async function setup(project: TestProject): Promise<() => void> {
  const cluster = await startPgCluster();
  project.provide('pgUrl', cluster.url);
  return () => cluster.stop();
}
