import type { AppContext } from '../context';
import type { Database } from '../db/schema';
import { KEY_CACHE_MS } from './keyring';
import { loadMasterKey, type MasterKey } from './master-key';

/** Every encrypted text column, with how its associated data is formed from the row id. */
const encryptedColumns: { table: keyof Database; idColumn: string; column: string; aad: (id: string) => string }[] = [
  { table: 'users', idColumn: 'id', column: 'name_enc', aad: (id) => `users.name:${id}` },
  { table: 'users', idColumn: 'id', column: 'email_enc', aad: (id) => `users.email:${id}` },
  { table: 'users', idColumn: 'id', column: 'totp_secret_enc', aad: (id) => `users.totp:${id}` },
  { table: 'threads', idColumn: 'id', column: 'subject_enc', aad: (id) => `threads.subject:${id}` },
  { table: 'messages', idColumn: 'id', column: 'body_enc', aad: (id) => `messages.body:${id}` },
  { table: 'drafts', idColumn: 'id', column: 'subject_enc', aad: (id) => `drafts.subject:${id}` },
  { table: 'drafts', idColumn: 'id', column: 'body_enc', aad: (id) => `drafts.body:${id}` },
  { table: 'chart_notes', idColumn: 'id', column: 'content_enc', aad: (id) => `chart_notes.content:${id}` },
  { table: 'attachments', idColumn: 'id', column: 'name_enc', aad: (id) => `attachments.name:${id}` },
  { table: 'out_of_office', idColumn: 'id', column: 'note_enc', aad: (id) => `out_of_office.note:${id}` },
  { table: 'auto_replies', idColumn: 'id', column: 'note_enc', aad: (id) => `auto_replies.note:${id}` },
  { table: 'passkeys', idColumn: 'id', column: 'name_enc', aad: (id) => `passkeys.name:${id}` },
];

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
    for (const spec of encryptedColumns) {
      let after = '';
      for (;;) {
        // Dynamic table and column names come from the fixed list above, never from input.
        const rows = (await ctx.db
          .selectFrom(spec.table as 'users')
          .select([`${spec.idColumn} as id` as 'id', `${spec.column} as value` as 'name_enc'])
          .where('practice_id', '=', practiceId)
          .where(spec.idColumn as 'id', '>', after)
          .orderBy(spec.idColumn as 'id')
          .limit(500)
          .execute()) as unknown as { id: string; value: string | null }[];
        if (rows.length === 0) break;
        await ctx.db.transaction().execute(async (tx) => {
          for (const row of rows) {
            if (!row.value || row.value.startsWith(`v1:${activeId}:`)) continue;
            const plain = cipher.decrypt(spec.aad(row.id), row.value);
            await tx
              .updateTable(spec.table as 'users')
              .set({ [spec.column]: cipher.encrypt(spec.aad(row.id), plain) } as never)
              .where('practice_id', '=', practiceId)
              .where(spec.idColumn as 'id', '=', row.id)
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
