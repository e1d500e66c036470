import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { crossPracticeReasons } from './unscoped';

const root = join(import.meta.dirname, '../../../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

describe('the escape hatch from practice scoping', () => {
  const reasons = Object.keys(crossPracticeReasons);
  const code = [...sources(join(root, 'packages/server/src')), ...sources(join(root, 'packages/server/test'))].map(
    (path) => readFileSync(path, 'utf8'),
  );

  it.each(reasons)('R30: the cross-practice reason %s is listed in ARCHITECTURE.md', (reason) => {
    expect(readFileSync(join(root, 'ARCHITECTURE.md'), 'utf8')).toContain(`\`${reason}\``);
  });

  it.each(reasons)('R30: the cross-practice reason %s is used by some code', (reason) => {
    expect(code.some((text) => text.includes(`unscoped(`) && text.includes(`'${reason}')`))).toBe(true);
  });
});
