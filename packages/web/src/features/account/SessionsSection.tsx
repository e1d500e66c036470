import { AccountSessionsResponse } from '@confide/api';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { api, errorMessage, queryKeys } from '../../api';
import { Button } from '../../components/Button';
import { Alert } from '../../components/Toast';
import { longTime } from '../mailbox/format';

/** R52: where the person is signed in (device, address, when), and sign out everywhere (R29). */
export function SessionsSection({ onSignOutEverywhere }: { onSignOutEverywhere: () => Promise<void> }) {
  const sessions = useQuery({
    queryKey: queryKeys.accountSessions,
    queryFn: async () => (await api.get('/api/account/sessions', AccountSessionsResponse)).sessions,
  });
  const [error, setError] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);
  const everywhere = async () => {
    setBusy(true);
    try {
      await onSignOutEverywhere();
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(false);
    }
  };

  return (
    <section className="account-panel" aria-labelledby="sessions-title">
      <h2 id="sessions-title" className="account-section-title">
        Where you are signed in
      </h2>
      {sessions.isPending && <p className="muted">Loading…</p>}
      {sessions.isError && <Alert>{errorMessage(sessions.error)}</Alert>}
      {sessions.data && (
        <ul className="account-list" aria-label="Signed-in sessions">
          {sessions.data.map((session, index) => (
            <li key={`${session.signedInAt}-${index}`} className="account-item">
              <div className="account-item-main">
                <strong>
                  {session.device ?? 'Unknown browser'}
                  {session.current && <span className="account-current"> · this browser</span>}
                </strong>
                <span className="muted small">
                  Signed in {longTime(session.signedInAt)}
                  {session.ip ? ` from ${session.ip}` : ''} · last active {longTime(session.lastActiveAt)}
                </span>
              </div>
            </li>
          ))}
        </ul>
      )}
      {error && <Alert>{error}</Alert>}
      <p>If you signed in on a device you no longer use, or think someone else has, sign out everywhere.</p>
      <Button onClick={() => void everywhere()} isBusy={isBusy}>
        Sign out everywhere
      </Button>
    </section>
  );
}
