import { execFile } from 'node:child_process';
import { join } from 'node:path';

const bin = join(import.meta.dirname, '../bin/confide.js');

/**
 * The time a test that runs the command line may take. Each run starts a Node process that loads
 * the whole server; on a busy shared machine that alone has taken 30 s, so tests allow minutes.
 */
export const CLI_TEST_MS = 300_000;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real `confide` command in a child process (never blocking the test's own server). */
export function runCli(args: string[], env: Record<string, string>): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [bin, ...args],
      { env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'silent', ...env }, timeout: 240_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}
