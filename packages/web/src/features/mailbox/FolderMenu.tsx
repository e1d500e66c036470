import { teamNames, teamOfRole } from '@confide/api';
import { NavLink } from 'react-router';
import { Badge } from '../../components/Badge';
import { useMe } from '../../session/session';

export const folders = [
  { id: 'inbox', label: 'Inbox' },
  { id: 'sent', label: 'Sent' },
  { id: 'drafts', label: 'Drafts' },
  { id: 'archive', label: 'Archive' },
  /** R41: client messages past their reply-by time, for their staff and the escalation group. */
  { id: 'overdue', label: 'Overdue' },
] as const;

/**
 * The folders menu (on the right on wide screens, above the list on phones); front office and
 * billers also find their team's shared view there (R46).
 */
export function FolderMenu({ base, unread }: { base: string; unread: number }) {
  const team = teamOfRole(useMe().user.role);
  return (
    <nav className="folder-menu" aria-label="Folders">
      <ul>
        {folders.map((folder) => (
          <li key={folder.id}>
            <NavLink to={`${base}/mail/${folder.id}`} className="folder-link">
              <span>{folder.label}</span>
              {folder.id === 'inbox' && unread > 0 && (
                <Badge tone="accent" label={`${unread} unread`}>
                  {unread}
                </Badge>
              )}
            </NavLink>
          </li>
        ))}
        {team && (
          <li>
            <NavLink to={`${base}/team/unassigned`} className="folder-link">
              <span>{teamNames[team]} team</span>
            </NavLink>
          </li>
        )}
      </ul>
    </nav>
  );
}
