import type { TeamAssignment } from '@confide/api';

/** R46: who holds a team thread, in words: "Assigned to you", "Assigned to Dana Fox", "Unassigned". */
export function assigneeLabel(team: TeamAssignment, meId: string): string {
  if (!team.assignee) return 'Unassigned';
  return team.assignee.id === meId ? 'Assigned to you' : `Assigned to ${team.assignee.name}`;
}
