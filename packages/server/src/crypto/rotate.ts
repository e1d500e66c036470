import type { AppContext } from '../context';
import { binding, ENCRYPTED_COLUMNS, type EncryptedField } from './bindings';
import { KEY_CACHE_MS } from './keyring';
import { loadMasterKey, type MasterKey } from './master-key';

export interface RotationReport {
  practices: number;
  rewrapped: number;
  reencrypted: number;
}

/**
 * `confide keys rotate`: re-wraps keys under the current master key (when MASTER_KEY_PREVIOUS
 * names the old one), then rotates every practice's data key in two phases so running servers
 * never meet a key they have not loaded: stage the new keys (readable, unused), wait until every
 * process's key cache has expired, activate them. With `reencrypt` it then rewrites every
 * encrypted column under the new key in small batches, one transaction each, while the server
 * runs. File bodies keep the key id in their header and stay readable under the key they name.
 */
export async function rotateKeys(
  ctx: AppContext,
  options: { reencrypt: boolean; previousMaster?: string; waitForPropagation?: () => Promise<void> },
): Promise<RotationReport> {
  const previous: MasterKey[] = options.previousMaster
    ? [loadMasterKey({ kind: 'env', value: options.previousMaster })]
    : [];
  const rewrapped = await ctx.keys.rewrapAll(ctx.db, previous);
  const practices = await ctx.db.selectFrom('practices').select('id').execute();
  const staged = new Map<string, string>();
  for (const { id: practiceId } of practices) {
    staged.set(practiceId, await ctx.keys.stageDataKey(ctx.db, practiceId));
  }
  await (options.waitForPropagation ?? (() => new Promise((resolve) => setTimeout(resolve, KEY_CACHE_MS + 5000))))();
  let reencrypted = 0;
  for (const { id: practiceId } of practices) {
    const keyId = staged.get(practiceId) ?? '';
    await ctx.db.transaction().execute((tx) => ctx.keys.activateDataKey(tx, practiceId, keyId));
    if (!options.reencrypt) continue;
    const cipher = await ctx.keys.reload(ctx.db, practiceId);
    const activeId = cipher.activeKey().id;
    for (const [field, spec] of Object.entries(ENCRYPTED_COLUMNS) as [
      EncryptedField,
      (typeof ENCRYPTED_COLUMNS)[keyof typeof ENCRYPTED_COLUMNS],
    ][]) {
      let after = '';
      for (;;) {
        // Dynamic table and column names come from the fixed map of bindings, never from input.
        const rows = (await ctx.db
          .selectFrom(spec.table as 'users')
          .select(['id', `${spec.column} as value` as 'name_enc'])
          .where('practice_id', '=', practiceId)
          .where('id', '>', after)
          .orderBy('id')
          .limit(500)
          .execute()) as unknown as { id: string; value: string | null }[];
        if (rows.length === 0) break;
        await ctx.db.transaction().execute(async (tx) => {
          for (const row of rows) {
            if (!row.value || row.value.startsWith(`v1:${activeId}:`)) continue;
            const plain = cipher.decrypt(binding(field, row.id), row.value);
            await tx
              .updateTable(spec.table as 'users')
              .set({ [spec.column]: cipher.encrypt(binding(field, row.id), plain) } as never)
              .where('practice_id', '=', practiceId)
              .where('id', '=', row.id)
              .execute();
            reencrypted += 1;
          }
        });
        after = rows[rows.length - 1]?.id ?? after;
      }
    }
  }
  return { practices: practices.length, rewrapped, reencrypted };
}
