import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Every file below a directory. */
export function filesBelow(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesBelow(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/**
 * The files that contain a text, read by a separate `grep` process. A live SQLite file must never
 * be opened and closed by the process that holds it: closing any descriptor of a file drops all of
 * that process's POSIX locks on it, and another process may then checkpoint the WAL under it and
 * corrupt the database.
 */
export function filesContaining(files: string[], text: string): string[] {
  if (files.length === 0) return [];
  const result = spawnSync('grep', ['-F', '-l', '-a', '--', text, ...files], { encoding: 'utf8' });
  if (result.status === 2) throw new Error(`grep failed: ${result.stderr}`);
  return result.stdout.split('\n').filter(Boolean);
}
