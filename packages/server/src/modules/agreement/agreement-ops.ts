import type { Agreement, AgreementAcceptance, AgreementStatusResponse, ClientAgreementResponse } from '@confide/api';
import { auditAs } from '../../audit/audit';
import type { AppContext } from '../../context';
import type { Actor } from '../../actor';
import { AppError, notFound } from '../../errors';
import { newId, nowIso } from '../../ids';
import { canReadAccessReport } from '../../policies/access';
import { loadCareTeam } from '../threads/threads.repo';
import { agreementHash, currentAgreement, hasAccepted, loadAcceptances } from './agreement.repo';

/** R43: the current agreement and, for a client, their latest acceptance and whether they must accept. */
export async function agreementStatus(ctx: AppContext, actor: Actor): Promise<AgreementStatusResponse> {
  const agreement = await currentAgreement(ctx.db, actor.practiceId);
  if (actor.kind !== 'client') return { agreement, acceptance: null, required: false };
  const acceptance = (await loadAcceptances(ctx.db, actor.practiceId, actor.userId))[0] ?? null;
  return { agreement, acceptance, required: agreement !== null && acceptance?.version !== agreement.version };
}

/**
 * R43: a client accepts the version they read. A version that is no longer current answers 409
 * (they read words that changed); accepting again is harmless. The acceptance keeps the version,
 * time and hash of the text, and is audited as an event about the client.
 */
export async function acceptAgreement(ctx: AppContext, actor: Actor, version: number): Promise<AgreementAcceptance> {
  if (actor.kind !== 'client') throw new AppError('forbidden', 'Only clients accept the messaging agreement.');
  const agreement = await currentAgreement(ctx.db, actor.practiceId);
  if (!agreement) throw notFound('The messaging agreement');
  if (agreement.version !== version) {
    throw new AppError('conflict', 'The messaging agreement has changed. Please read the current version.', {
      version: agreement.version,
    });
  }
  const acceptedAt = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    if (await hasAccepted(tx, actor.practiceId, actor.userId, version)) return;
    await tx
      .insertInto('agreement_acceptances')
      .values({
        id: newId(),
        practice_id: actor.practiceId,
        client_id: actor.userId,
        version,
        text_hash: agreement.hash,
        accepted_at: acceptedAt,
      })
      .execute();
    await auditAs(tx, actor, 'agreement.accepted', {
      clientId: actor.userId,
      version: String(version),
      hash: agreement.hash,
    });
  });
  const latest = (await loadAcceptances(ctx.db, actor.practiceId, actor.userId))[0];
  if (!latest) throw new Error('the acceptance just written is missing');
  return latest;
}

/**
 * R43: an admin publishes the agreement's text as the next version; every client accepts it again
 * before their next message. The same text as the current version changes nothing. Audited.
 */
export async function publishAgreement(ctx: AppContext, actor: Actor, text: string): Promise<Agreement> {
  const hash = agreementHash(text);
  const publishedAt = nowIso(ctx.clock.now());
  await ctx.db.transaction().execute(async (tx) => {
    const current = await currentAgreement(tx, actor.practiceId);
    if (current?.hash === hash) return;
    const version = (current?.version ?? 0) + 1;
    // The unique (practice, version) index refuses a second admin publishing the same number at once.
    await tx
      .insertInto('agreement_versions')
      .values({
        id: newId(),
        practice_id: actor.practiceId,
        version,
        text,
        text_hash: hash,
        published_by: actor.userId,
        published_at: publishedAt,
      })
      .execute();
    await auditAs(tx, actor, 'admin.agreement.published', { version: String(version), hash });
  });
  const agreement = await currentAgreement(ctx.db, actor.practiceId);
  if (!agreement) throw new Error('the agreement just published is missing');
  return agreement;
}

/**
 * R43, staff side: the client's acceptances with the current version, for those who see the
 * client's page (their providers and admins, as R38). A client id the caller cannot see is 404.
 */
export async function clientAgreement(
  ctx: AppContext,
  actor: Actor,
  clientId: string,
): Promise<ClientAgreementResponse> {
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
    throw new AppError('forbidden', "The agreement record is for the client's providers and practice administrators.");
  }
  const current = await currentAgreement(ctx.db, actor.practiceId);
  return {
    current: current ? { version: current.version, hash: current.hash } : null,
    acceptances: await loadAcceptances(ctx.db, actor.practiceId, clientId),
  };
}
