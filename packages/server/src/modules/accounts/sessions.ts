import { parseSettings } from '@confide/api';
import type { AppContext } from '../../context';
import { hashToken, randomToken } from '../../crypto/tokens';
import type { DbOrTx } from '../../db';
import { unscoped } from '../../db/unscoped';
import type { Actor } from '../../actor';
import { nowIso } from '../../ids';
import { dependencyFailure } from '../../db/failures';
import { mustEnrolSecondFactor } from '../../policies/second-factor';

export const SESSION_COOKIE = 'confide_session';
/** R29: the session cookie: httpOnly, SameSite, and Secure when served over TLS. */
export function sessionCookieOptions(config: { publicUrl: string }) {
  return { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: config.publicUrl.startsWith('https://') };
}

/** R29: a session lives at most 12 hours, however active. */
export const ABSOLUTE_LIFETIME_MS = 12 * 60 * 60 * 1000;
// Writing last_seen_at on every request would make every read a write; a few seconds of slack
// on a 15-minute idle timeout is harmless.
const TOUCH_AFTER_MS = 15_000;

/** Starts a session; returns the cookie's secret (only its hash is stored) and the CSRF token. */
export async function createSession(
  db: DbOrTx,
  user: { id: string; practice_id: string },
  ip: string,
  nowMs: number,
  device: string | null = null,
): Promise<{ token: string; csrfToken: string; sessionId: string }> {
  const token = randomToken();
  const csrfToken = randomToken();
  const now = new Date(nowMs);
  const sessionId = hashToken(token);
  await db
    .insertInto('sessions')
    .values({
      id: sessionId,
      practice_id: user.practice_id,
      user_id: user.id,
      csrf_token: csrfToken,
      mfa_verified: 1,
      created_at: nowIso(now),
      last_seen_at: nowIso(now),
      expires_at: nowIso(new Date(now.getTime() + ABSOLUTE_LIFETIME_MS)),
      ip,
      device,
    })
    .execute();
  return { token, csrfToken, sessionId };
}

/**
 * The actor behind a session cookie, or null when the session is unknown, idle past the
 * practice's timeout, past its 12-hour lifetime, or its user is disabled. Dead sessions are removed.
 * Only the person's own actions (`isOwnAction`) move the session's last activity (R29).
 */
export async function loadSession(
  ctx: AppContext,
  token: string,
  ip: string,
  isOwnAction: boolean,
): Promise<Actor | null> {
  const id = hashToken(token);
  const row = await unscoped(ctx.db, 'token.lookup')
    .selectFrom('sessions as s')
    .innerJoin('users as u', (join) =>
      join.onRef('u.id', '=', 's.user_id').onRef('u.practice_id', '=', 's.practice_id'),
    )
    .innerJoin('practices as p', 'p.id', 's.practice_id')
    .select([
      's.id as sessionId',
      's.csrf_token',
      's.last_seen_at',
      's.expires_at',
      'u.id as userId',
      'u.kind',
      'u.role',
      'u.admin',
      'u.status',
      'u.mfa_enabled',
      'p.id as practiceId',
      'p.slug',
      'p.name as practiceName',
      'p.settings',
      (eb) =>
        eb
          .exists(
            eb
              .selectFrom('passkeys as k')
              .select('k.id')
              .whereRef('k.practice_id', '=', 's.practice_id')
              .whereRef('k.user_id', '=', 's.user_id'),
          )
          .as('hasPasskey'),
    ])
    .where('s.id', '=', id)
    .executeTakeFirst();
  if (!row) return null;
  const settings = parseSettings(row.settings);
  const now = ctx.clock.now().getTime();
  const idleMs = settings.idleTimeoutMinutes * 60_000;
  const lastSeen = Date.parse(row.last_seen_at);
  if (now > Date.parse(row.expires_at) || now - lastSeen > idleMs || row.status === 'disabled') {
    await destroySession(ctx.db, row.practiceId, id);
    return null;
  }
  let lastSeenAt = row.last_seen_at;
  if (isOwnAction && now - lastSeen > TOUCH_AFTER_MS) {
    lastSeenAt = nowIso(new Date(now));
    // Best effort: a full disk or a busy database must not turn every read into an error (R54).
    await ctx.db
      .updateTable('sessions')
      .set({ last_seen_at: lastSeenAt })
      .where('id', '=', id)
      .where('practice_id', '=', row.practiceId)
      .execute()
      .catch((error: unknown) => {
        if (!dependencyFailure(error)) throw error;
      });
  }
  return {
    sessionId: row.sessionId,
    userId: row.userId,
    practiceId: row.practiceId,
    practiceSlug: row.slug,
    practiceName: row.practiceName,
    kind: row.kind,
    role: row.role,
    isAdmin: Boolean(row.admin),
    status: row.status,
    mfaEnabled: Boolean(row.mfa_enabled),
    csrfToken: row.csrf_token,
    settings,
    mfaEnrollmentRequired: mustEnrolSecondFactor(
      { kind: row.kind, settings },
      { hasTotp: Boolean(row.mfa_enabled), passkeys: row.hasPasskey ? 1 : 0 },
    ),
    lastSeenAt,
    expiresAt: row.expires_at,
    ip,
  };
}

/** Seconds left before this actor's session is signed out for idleness. */
export function idleSecondsLeft(actor: Actor, now: number): number {
  const left = Date.parse(actor.lastSeenAt) + actor.settings.idleTimeoutMinutes * 60_000 - now;
  return Math.max(0, Math.floor(left / 1000));
}

/** Ends one session. */
export async function destroySession(db: DbOrTx, practiceId: string, sessionId: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', sessionId).where('practice_id', '=', practiceId).execute();
}

/** Ends every session of a user (sign out everywhere, password change, disabling). */
export async function destroyUserSessions(db: DbOrTx, practiceId: string, userId: string): Promise<void> {
  await db.deleteFrom('sessions').where('user_id', '=', userId).where('practice_id', '=', practiceId).execute();
}
