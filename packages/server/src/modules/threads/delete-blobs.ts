import type { AppContext } from '../../context';

/**
 * Destroys attachment contents after the rows that pointed to them are gone (R19). A failure
 * leaves an orphan blob — ciphertext nobody can reach — for the orphan sweep; it is logged by
 * count only, never by name.
 */
export async function deleteBlobs(ctx: Pick<AppContext, 'blobs' | 'log'>, keys: string[]): Promise<void> {
  let failed = 0;
  for (const key of keys) {
    try {
      await ctx.blobs.delete(key);
    } catch {
      failed += 1;
    }
  }
  if (failed > 0) ctx.log.warn({ failed }, 'attachment blobs left for the orphan sweep');
}
