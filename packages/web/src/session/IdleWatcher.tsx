import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { getLastActivityAt, queryKeys } from '../api';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { fetchMe, useSession } from './session';

const WARN_SECONDS = 60;
const SLACK_MS = 10_000;

/**
 * The server signs a session out after the practice's idle timeout; every request slides it.
 * This warns a minute before, offers "Stay signed in" (one request), then signs out cleanly.
 */
export function IdleWatcher() {
  const { me, signOut } = useSession();
  const client = useQueryClient();
  const idleMs = me.practice.idleTimeoutMinutes * 60_000;
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  useEffect(() => {
    const tick = () => {
      // The server throttles its "last seen" writes by a few seconds: end a little early, not late.
      const deadline = getLastActivityAt() + idleMs - SLACK_MS;
      const left = Math.round((deadline - Date.now()) / 1000);
      if (left <= 0) {
        void signOut('idle');
        return;
      }
      setSecondsLeft(left <= WARN_SECONDS ? left : null);
    };
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [idleMs, signOut]);

  if (secondsLeft === null) return null;
  const stay = async () => {
    const fresh = await fetchMe();
    if (fresh) client.setQueryData(queryKeys.me, fresh);
    setSecondsLeft(null);
  };
  return (
    <Dialog
      title="Are you still there?"
      role="alertdialog"
      onClose={() => void stay()}
      footer={
        <>
          <Button variant="secondary" onClick={() => void signOut()}>
            Sign out
          </Button>
          <Button variant="primary" data-autofocus onClick={() => void stay()}>
            Stay signed in
          </Button>
        </>
      }
    >
      <p>
        For your clients' privacy, you will be signed out in <strong>{secondsLeft} seconds</strong> because there has
        been no activity.
      </p>
    </Dialog>
  );
}
