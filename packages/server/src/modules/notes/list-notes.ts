import type { ChartNote, Person } from '@confide/api';
import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import { AppError, notFound } from '../../errors';
import { canReadChartNotes } from '../../policies/notes';
import { loadPeople, presentPerson } from '../accounts/users.repo';
import type { Sender } from '../threads/sender';
import { loadCareTeam } from '../threads/threads.repo';
import { presentNote } from './quick-note';
import { binding } from '../../crypto/bindings';

/**
 * R16: a client's chart notes, newest first, for the client's providers (current or past)
 * and admins, with the client they are about. A client id the caller cannot see at all (clients, other practices) is 404;
 * staff who see the client but are not on the care team get 403. Every read is audited.
 */
export async function listChartNotes(
  ctx: AppContext,
  actor: Sender,
  clientId: string,
): Promise<{ client: Person; notes: ChartNote[] }> {
  if (actor.kind !== 'staff') throw notFound('This client');
  const client = await ctx.db
    .selectFrom('users')
    .select(['id', 'name_enc', 'kind', 'role'])
    .where('id', '=', clientId)
    .where('practice_id', '=', actor.practiceId)
    .where('kind', '=', 'client')
    .executeTakeFirst();
  if (!client) throw notFound('This client');
  const careTeam = await loadCareTeam(ctx.db, actor.practiceId, clientId);
  if (!canReadChartNotes(actor, careTeam)) {
    throw new AppError('forbidden', "Chart notes are for the client's providers and practice administrators.");
  }
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const rows = await ctx.db
    .selectFrom('chart_notes')
    .selectAll()
    .where('client_id', '=', clientId)
    .where('practice_id', '=', actor.practiceId)
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .limit(500)
    .execute();
  const authors = await loadPeople(
    ctx.db,
    cipher,
    rows.map((r) => r.author_id),
  );
  await recordAudit(ctx.db, {
    practiceId: actor.practiceId,
    actorId: actor.userId,
    action: 'chart_notes.viewed',
    targets: { clientId },
    ip: actor.ip,
  });
  const notes = rows.map((row) =>
    presentNote(
      {
        id: row.id,
        clientId: row.client_id,
        authorId: row.author_id,
        content: cipher.decrypt(binding('chart_notes.content', row.id), row.content_enc),
        createdAt: row.created_at,
        threadId: row.thread_id,
      },
      authors.get(row.author_id) ?? null,
    ),
  );
  return { client: presentPerson(cipher, client), notes };
}
