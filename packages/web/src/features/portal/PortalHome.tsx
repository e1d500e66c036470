import { Link } from 'react-router';
import { useMe } from '../../session/session';
import { useUnreadCount } from '../../session/unread';
import { useTitle } from '../../session/use-title';
import { Disclaimer } from './Disclaimer';

/** The dashboard: a calm summary and the way to Messages. */
export function PortalHome({ base }: { base: string }) {
  useTitle('Home');
  const me = useMe();
  const unread = useUnreadCount();
  const firstName = me.user.name.split(/\s+/)[0] ?? '';
  return (
    <div className="portal-home">
      <h1 className="portal-h1">Hello{firstName ? `, ${firstName}` : ''}</h1>
      <p className="portal-lead">This is your secure portal at {me.practice.name}.</p>
      <div className="portal-tiles">
        <Link to={`${base}/messages`} className="portal-tile">
          <span className="portal-tile-title">Messages</span>
          <span className="portal-tile-text">
            {unread > 0
              ? `You have ${unread} unread ${unread === 1 ? 'conversation' : 'conversations'}.`
              : 'No unread messages.'}
          </span>
        </Link>
        <Link to={`${base}/account`} className="portal-tile">
          <span className="portal-tile-title">Account</span>
          <span className="portal-tile-text">
            Sign-in and passkeys, a copy of your messages, and who has opened them.
          </span>
        </Link>
      </div>
      {me.user.status === 'inactive' && (
        <p className="portal-blocked" role="note">
          Your account is inactive, so you cannot message your providers. You can still message the front office and
          billing staff.
        </p>
      )}
      <Disclaimer responseTimeText={me.practice.responseTimeText} />
    </div>
  );
}
