import { useCallback } from 'react';
import { api } from '../../api';
import { useSession } from '../../session/session';
import { clearOutgoing } from './outgoing-store';
import { forgetCreatedThreads } from './send-message';

/** Signing out of the portal (here, or everywhere): also forgets what this tab kept about sends. */
export function usePortalSignOut() {
  const { signOut } = useSession();
  return useCallback(
    async (everywhere = false) => {
      clearOutgoing();
      forgetCreatedThreads();
      if (everywhere) await api.post('/api/auth/logout?everywhere=true');
      await signOut();
    },
    [signOut],
  );
}
