import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { getLastActivityAt, getLastOwnInputAt, isOwnActionNow, queryKeys } from '../api';
import { Button } from '../components/Button';
import { Dialog } from '../components/Dialog';
import { fetchMe, useSession } from './session';
import { idleTimes } from './idle-times';

/**
 * The server signs a session out after the practice's idle timeout, counted from the person's own
 * last action (R29): refetches and live updates do not count. This tells the server about input
 * that made no request (reading, typing a long message), warns before the end, offers "Stay
 * signed in" (one request), then signs out cleanly.
 */
export function IdleWatcher() {
  const { me, signOut } = useSession();
  const client = useQueryClient();
  const { warnMs, endMs, reportInputAfterMs } = idleTimes(me.practice.idleTimeoutMinutes);
  const [secondsLeft, setSecondsLeft] = useState<number | null>(null);

  useEffect(() => {
    let isReporting = false;
    const tick = () => {
      const lastActivity = getLastActivityAt();
      // Input the server has not heard of (no request followed it): tell it while the input is fresh,
      // at most once per reportInputAfterMs.
      const hasUnreportedInput = getLastOwnInputAt() > lastActivity && isOwnActionNow();
      if (!isReporting && hasUnreportedInput && Date.now() - lastActivity > reportInputAfterMs) {
        isReporting = true;
        void fetchMe()
          .then((fresh) => client.setQueryData(queryKeys.me, fresh))
          .catch(() => undefined)
          .finally(() => {
            isReporting = false;
          });
      }
      const left = lastActivity + endMs - Date.now();
      if (left <= 0) {
        void signOut('idle');
        return;
      }
      setSecondsLeft(left <= warnMs ? Math.ceil(left / 1000) : null);
    };
    tick();
    const timer = window.setInterval(tick, 1000);
    return () => window.clearInterval(timer);
  }, [warnMs, endMs, reportInputAfterMs, client, signOut]);

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
