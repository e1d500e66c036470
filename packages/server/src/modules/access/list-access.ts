import { accessActions, type AccessEntry } from '@confide/api';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { AppError, notFound } from '../../errors';
import { canReadAccessReport } from '../../policies/access';
import { loadPeople } from '../accounts/users.repo';
import { loadCareTeam } from '../threads/threads.repo';

interface Page {
  cursor?: string;
  limit: number;
}

/**
 * R38, staff side: every opening of a thread with this client — read, read into a quick note,
 * a file downloaded, exported — by whom, when, from where, newest first. A client id the caller cannot see (clients, other practices, no such client)
 * is 404; staff who see the client but are not among its providers (nor admins) get 403.
 * Reading the report is audited, as an event about this client.
 */
export async function clientAccessReport(ctx: AppContext, actor: Actor, clientId: string, page: Page) {
  if (actor.kind !== 'staff') throw notFound('This client');
  const client = await ctx.db
    .selectFrom('users')
    .select('id')
    .where('practice_id', '=', actor.practiceId)
    .where('id', '=', clientId)
    .where('kind', '=', 'client')
    .executeTakeFirst();
  if (!client) throw notFound('This client');
  if (!canReadAccessReport(actor, await loadCareTeam(ctx.db, actor.practiceId, clientId))) {
    throw new AppError('forbidden', "The access report is for the client's providers and practice administrators.");
  }
  return readReport(ctx, actor, clientId, page, { withAddress: true, staffOnly: false });
}

/**
 * R38, the client's side: who on the staff opened their messages, when — never from where,
 * and never another client (R36: a client in a thread with others must not learn of them).
 */
export function ownAccessReport(ctx: AppContext, actor: Actor, page: Page) {
  if (actor.kind !== 'client') throw notFound('This report');
  return readReport(ctx, actor, actor.userId, page, { withAddress: false, staffOnly: true });
}

async function readReport(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
  page: Page,
  view: { withAddress: boolean; staffOnly: boolean },
): Promise<{ entries: AccessEntry[]; nextCursor: string | null }> {
  if (page.cursor !== undefined && !/^\d{1,15}$/.test(page.cursor)) {
    throw new AppError('validation_failed', 'The cursor is not one this list gave out.');
  }
  let query = ctx.db
    .selectFrom('audit_clients as c')
    .innerJoin('audit_events as e', (join) =>
      join.onRef('e.practice_id', '=', 'c.practice_id').onRef('e.seq', '=', 'c.seq'),
    )
    .innerJoin('users as u', 'u.id', 'e.actor_id')
    .select(['c.seq', 'c.action', 'e.at', 'e.actor_id', 'e.targets', 'e.ip'])
    .where('c.practice_id', '=', actor.practiceId)
    .where('c.client_id', '=', clientId)
    .where('c.action', 'in', accessActions)
    .where('u.practice_id', '=', actor.practiceId)
    .orderBy('c.seq', 'desc')
    .limit(page.limit + 1);
  if (view.staffOnly) query = query.where('u.kind', '=', 'staff');
  if (page.cursor !== undefined) query = query.where('c.seq', '<', Number(page.cursor));
  const rows = await query.execute();
  const shown = rows.slice(0, page.limit);
  const cipher = await ctx.keys.forPractice(ctx.db, actor.practiceId);
  const people = await loadPeople(
    ctx.db,
    cipher,
    shown.flatMap((r) => (r.actor_id ? [r.actor_id] : [])),
  );
  await ctx.db.transaction().execute((tx) => auditAs(tx, actor, 'access.viewed', { clientId }));
  const last = shown[shown.length - 1];
  return {
    entries: shown.flatMap((row) => {
      const who = row.actor_id ? people.get(row.actor_id) : undefined;
      const threadId = (JSON.parse(row.targets) as Record<string, string>).threadId;
      if (!who || !threadId) return [];
      return [
        {
          who: { id: who.id, name: who.name, role: who.role },
          at: row.at,
          threadId,
          action: row.action as AccessEntry['action'],
          ...(view.withAddress ? { ip: row.ip } : {}),
        },
      ];
    }),
    nextCursor: rows.length > page.limit && last ? String(last.seq) : null,
  };
}
