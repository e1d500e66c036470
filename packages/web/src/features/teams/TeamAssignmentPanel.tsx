import { teamRoles } from '@confide/api';
import { useId, useState } from 'react';
import { errorMessage, type ThreadDetail } from '../../api';
import { Button } from '../../components/Button';
import { Alert } from '../../components/Toast';
import { useMe } from '../../session/session';
import { assigneeLabel } from './assignee-label';
import { useAssignThread } from './team-queries';
import './teams.css';

/**
 * R46, on a team thread (staff only): who holds it, and for the team's members "Take it",
 * "Release" and "Assign to" any member of the team in the thread. Changes arrive live for all.
 */
export function TeamAssignmentPanel({ thread }: { thread: ThreadDetail }) {
  const me = useMe();
  const team = thread.team;
  const holder = team?.assignee?.id ?? null;
  const assign = useAssignThread(thread.id, holder);
  const selectId = useId();
  const [chosen, setChosen] = useState('');
  if (!team) return null;
  const members = thread.participants.filter((p) => p.role === teamRoles[team.id]);
  const others = members.filter((m) => m.id !== holder);
  return (
    <section className="team-panel card card-pad" aria-label="Team assignment">
      <p className="team-panel-status">
        <strong>{team.name} team</strong> · <span>{assigneeLabel(team, me.user.id)}</span>
      </p>
      {team.canAssign && (
        <div className="team-panel-actions">
          {holder !== me.user.id && (
            <Button
              size="small"
              variant="primary"
              isBusy={assign.isPending && assign.variables === me.user.id}
              onClick={() => assign.mutate(me.user.id)}
            >
              Take it
            </Button>
          )}
          {holder && (
            <Button
              size="small"
              isBusy={assign.isPending && assign.variables === null}
              onClick={() => assign.mutate(null)}
            >
              Release
            </Button>
          )}
          {others.length > 0 && (
            <form
              className="team-panel-assign"
              onSubmit={(event) => {
                event.preventDefault();
                if (chosen) assign.mutate(chosen, { onSuccess: () => setChosen('') });
              }}
            >
              <label htmlFor={selectId}>Assign to</label>
              <select id={selectId} className="input select" value={chosen} onChange={(e) => setChosen(e.target.value)}>
                <option value="">Choose a colleague…</option>
                {others.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.id === me.user.id ? `${m.name} (you)` : m.name}
                  </option>
                ))}
              </select>
              <Button
                size="small"
                type="submit"
                disabled={!chosen}
                isBusy={assign.isPending && assign.variables === chosen}
              >
                Assign
              </Button>
            </form>
          )}
        </div>
      )}
      {assign.isError && <Alert>{errorMessage(assign.error)}</Alert>}
    </section>
  );
}
