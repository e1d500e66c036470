import { auditActionLabels } from '@confide/api';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/** Every action code the server's sources record (auditAs's third argument, `action:` and other properties). */
function recordedActions(): Set<string> {
  const root = join(import.meta.dirname, '..');
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter(
    (f) => f.endsWith('.ts') && !f.endsWith('.test.ts') && !f.includes('test-helpers'),
  );
  const found = new Set<string>();
  for (const file of files) {
    const text = readFileSync(join(root, file), 'utf8');
    if (!/recordAudit|auditAs/.test(text)) continue;
    const spans = [
      ...[...text.matchAll(/auditAs\(\s*\w+,\s*\w+,\s*([^,]+),/g)].map((m) => m[1] ?? ''),
      ...[...text.matchAll(/action:\s*([^,\n}]+)/g)].map((m) => m[1] ?? ''),
      // Codes kept in maps (`crisis: 'safety.crisis.acknowledged'`); live event `type`s are not actions.
      ...[...text.matchAll(/(\w+):\s*('[a-z_]+\.[a-z_.]+')/g)].filter((m) => m[1] !== 'type').map((m) => m[2] ?? ''),
    ];
    for (const span of spans) for (const [, code] of span.matchAll(/'([a-z_]+\.[a-z_.]+)'/g)) found.add(code ?? '');
  }
  return found;
}

describe('audit action labels', () => {
  it('R32: every action the server records reads in words', () => {
    const actions = recordedActions();
    expect(actions.size).toBeGreaterThanOrEqual(20);
    const missing = [...actions].filter((a) => !(a in auditActionLabels));
    expect(missing).toEqual([]);
  });
});
