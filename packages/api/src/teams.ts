import { z } from 'zod';
import { lazySchema } from './lazy-schema';
import { Cursor, Id, Limit, Person, type Role } from './common';

/** R46: the teams a client may write to as a whole (R2): every active member of the role receives it. */
export const Team = lazySchema(() => z.enum(['front_office', 'billing']));
export type Team = z.infer<typeof Team>;

export const teamNames: Record<Team, string> = {
  front_office: 'Front office',
  billing: 'Billing',
};

/** The staff role whose members make up each team. */
export const teamRoles: Record<Team, Role> = {
  front_office: 'front_office',
  billing: 'biller',
};

/** The team a staff role belongs to, or null (providers and external agents have none). */
export function teamOfRole(role: Role): Team | null {
  if (role === 'front_office') return 'front_office';
  if (role === 'biller') return 'billing';
  return null;
}

/** R46, staff only: the thread's team, who it is assigned to, and whether the caller may change that. */
export const TeamAssignment = lazySchema(() =>
  z.object({
    id: Team,
    name: z.string(),
    assignee: Person.nullable(),
    canAssign: z.boolean(),
  }),
);
export type TeamAssignment = z.infer<typeof TeamAssignment>;

/** The team view's three lists: nobody's yet, the caller's own, and every thread of the team. */
export const TeamView = lazySchema(() => z.enum(['unassigned', 'mine', 'all']));
export type TeamView = z.infer<typeof TeamView>;

export const TeamParams = lazySchema(() => z.object({ team: Team }));
export const TeamThreadsQuery = lazySchema(() =>
  z.object({ view: TeamView.default('unassigned'), cursor: Cursor, limit: Limit }),
);

/**
 * `POST /api/threads/:id/assign`: a member of the team in the thread, or null to release it.
 * `previousUserId` is who held it as the caller last saw it (null: nobody); when given and no
 * longer true — a colleague took it first — the answer is 409 `conflict` and nothing changes.
 */
export const AssignRequest = lazySchema(() =>
  z.object({ userId: Id.nullable(), previousUserId: Id.nullable().optional() }),
);
export type AssignRequest = z.infer<typeof AssignRequest>;
