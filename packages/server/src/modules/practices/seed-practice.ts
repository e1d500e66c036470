import { defaultSettings } from '@confide/api';
import { recordAudit } from '../../audit/audit';
import type { AppContext } from '../../context';
import { transact } from '../../db/transact';
import { hashPassword, passwordProblem } from '../../crypto/passwords';
import { AppError } from '../../errors';
import { newId, nowIso } from '../../ids';
import { createUser } from '../accounts/create-user';
import { sendInvitation } from '../accounts/one-time-links';
import type { PracticeFixture } from './fixture';

/**
 * Creates a practice, its keys, staff, clients and care teams from a fixture, all in one
 * transaction: a fixture that fails (an existing slug, a duplicate key or email, an unknown
 * provider key) changes nothing. Clients with a portal but no password get an invitation.
 */
export async function seedPractice(
  ctx: AppContext,
  fixture: PracticeFixture,
): Promise<{ practiceId: string; ids: Record<string, string> }> {
  const keys = [...fixture.staff.map((s) => s.key), ...fixture.clients.map((c) => c.key)];
  const duplicate = keys.find((key, index) => keys.indexOf(key) !== index);
  if (duplicate) throw new AppError('validation_failed', `The key "${duplicate}" is used twice.`);
  // Seeded accounts are real accounts: their passwords meet the same rules as any other (R28).
  for (const person of [...fixture.staff, ...fixture.clients]) {
    if (!person.password) continue;
    const context = { email: person.email, name: person.name, practiceName: fixture.practice.name };
    const problem = await passwordProblem(person.password, context);
    if (problem) throw new AppError('weak_password', `The password of "${person.key}" is refused: ${problem}`);
  }
  const staffHashes = await Promise.all(fixture.staff.map((s) => hashPassword(s.password)));
  const clientHashes = await Promise.all(
    fixture.clients.map(async (c) => (c.password ? hashPassword(c.password) : null)),
  );

  const practiceId = newId();
  const ids: Record<string, string> = {};
  await transact(ctx, async (tx) => {
    const existing = await tx
      .selectFrom('practices')
      .select('id')
      .where('slug', '=', fixture.practice.slug)
      .executeTakeFirst();
    if (existing) throw new AppError('conflict', `A practice with the slug "${fixture.practice.slug}" already exists.`);
    await tx
      .insertInto('practices')
      .values({
        id: practiceId,
        slug: fixture.practice.slug,
        name: fixture.practice.name,
        settings: JSON.stringify({ ...defaultSettings, ...fixture.practice.settings }),
        created_at: nowIso(),
      })
      .execute();
    await ctx.keys.createPracticeKeys(tx, practiceId);
    const cipher = await ctx.keys.reload(tx, practiceId);

    for (const [index, staff] of fixture.staff.entries()) {
      ids[staff.key] = await createUser(tx, cipher, {
        kind: 'staff',
        role: staff.role,
        admin: staff.admin ?? false,
        status: 'active',
        name: staff.name,
        email: staff.email,
        passwordHash: staffHashes[index] ?? null,
        totpSecret: staff.totpSecret?.toUpperCase() ?? null,
        portal: true,
      });
    }
    for (const [index, client] of fixture.clients.entries()) {
      const id = await createUser(tx, cipher, {
        kind: 'client',
        role: 'client',
        status: client.status,
        name: client.name,
        email: client.email,
        passwordHash: clientHashes[index] ?? null,
        portal: client.portal,
      });
      ids[client.key] = id;
      for (const provider of client.providers) {
        const providerId = ids[provider.key];
        const isProvider = fixture.staff.some((s) => s.key === provider.key && s.role === 'provider');
        if (!providerId || !isProvider) {
          throw new AppError(
            'validation_failed',
            `Client "${client.key}" names "${provider.key}", who is not a provider.`,
          );
        }
        await tx
          .insertInto('care_team')
          .values({
            practice_id: practiceId,
            client_id: id,
            provider_id: providerId,
            status: provider.status,
            updated_at: nowIso(),
          })
          .execute();
      }
      for (const agent of client.externalAgents ?? []) {
        const agentId = ids[agent.key];
        if (!agentId || !fixture.staff.some((s) => s.key === agent.key && s.role === 'external_agent')) {
          throw new AppError(
            'validation_failed',
            `Client "${client.key}" names "${agent.key}", who is not an external agent.`,
          );
        }
        await tx
          .insertInto('care_team_agents')
          .values({ practice_id: practiceId, client_id: id, agent_id: agentId, added_at: nowIso() })
          .execute();
      }
      if (client.portal && !client.password) {
        await sendInvitation(tx, cipher, { id, practice_id: practiceId });
      }
    }
    await recordAudit(tx, { practiceId, actorId: null, action: 'practice.seeded', targets: { practiceId } });
  });
  return { practiceId, ids };
}
