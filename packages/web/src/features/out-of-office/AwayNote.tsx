import type { AwayStatus } from '@confide/api';
import { useMe } from '../../session/session';
import { formatAwayUntil } from './away';

/**
 * R40: before the client writes, that the person is away until when, and who sees the message
 * meanwhile — the same words the automatic reply will say.
 */
export function AwayNote({ name, away }: { name: string; away: AwayStatus }) {
  const me = useMe();
  return (
    <div className="portal-away-note" role="note">
      <p>
        <strong>
          {name} is away until {formatAwayUntil(away.until, me.practice.timeZone)}.
        </strong>{' '}
        {away.coveringName} will see your messages meanwhile.
      </p>
    </div>
  );
}
