import type { StaffMember } from '../../api';

/**
 * R37: the external agents on a client's care team, as checkboxes. An agent finds and messages
 * only the clients whose care team includes them; unticking one that was on the team says what
 * removal does before anything is saved.
 */
export function CareTeamAgents({
  agents,
  clientName,
  chosen,
  onTeam,
  onChange,
}: {
  agents: StaffMember[];
  clientName: string;
  chosen: ReadonlySet<string>;
  /** The agents on the team when the dialog opened. */
  onTeam: ReadonlySet<string>;
  onChange: (next: Set<string>) => void;
}) {
  const toggle = (id: string, isOn: boolean) => {
    const next = new Set(chosen);
    if (isOn) next.add(id);
    else next.delete(id);
    onChange(next);
  };
  return (
    <fieldset className="care-team-section">
      <legend>External agents</legend>
      <p className="muted small">
        Case managers and other outside partners can find and message only the clients whose care team includes them.
      </p>
      {agents.length === 0 ? (
        <p className="muted small">The practice has no external agents.</p>
      ) : (
        <ul className="care-team">
          {agents.map((agent) => {
            const isRemoved = onTeam.has(agent.id) && !chosen.has(agent.id);
            return (
              <li key={agent.id} className="care-team-row care-team-agent">
                <label className="checkbox-field">
                  <input
                    type="checkbox"
                    checked={chosen.has(agent.id)}
                    onChange={(event) => toggle(agent.id, event.target.checked)}
                  />
                  <span>{agent.name}</span>
                </label>
                {isRemoved && (
                  <p className="care-team-removal small" role="note">
                    {agent.name} will no longer be able to send new messages to {clientName}. Conversations they already
                    take part in stay open to them.
                  </p>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
