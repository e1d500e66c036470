import { MeResponse } from '@confide/api';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext } from 'react';
import { useNavigate } from 'react-router';
import { api, ApiError, queryKeys, setCsrfToken, setServerActivityAt, type Me } from '../api';

const SIGNED_IN_KEY = 'confide.signedIn';

/** Remembers, for this tab only, that someone was signed in here. */
function markSignedInTab(): void {
  try {
    window.sessionStorage?.setItem(SIGNED_IN_KEY, '1');
  } catch {
    // Without storage, an ended session is announced as a plain sign-in.
  }
}

function forgetSignedInTab(): void {
  try {
    window.sessionStorage?.removeItem(SIGNED_IN_KEY);
  } catch {
    // Nothing to forget.
  }
}

/**
 * True when this tab had a session that the server no longer knows: "Your session has ended" is
 * for them, not for someone (an invited client, a link from an email) who never signed in here.
 */
export function hadSessionInThisTab(): boolean {
  try {
    return window.sessionStorage?.getItem(SIGNED_IN_KEY) === '1';
  } catch {
    return false;
  }
}

/** GET /api/me, or null when nobody is signed in. Keeps the CSRF token current. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await api.get('/api/me', MeResponse);
    setCsrfToken(me.csrfToken);
    // The server's own count of the idle timeout wins: a reload or a background check moves nothing.
    setServerActivityAt(Date.now() - (me.practice.idleTimeoutMinutes * 60 - me.idleSecondsLeft) * 1000);
    markSignedInTab();
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** GET /api/me as a query (also started by main.tsx before the signed-in app has loaded). */
export const meQuery = { queryKey: queryKeys.me, queryFn: fetchMe, retry: false, staleTime: 60_000 } as const;

/** The signed-in person, their practice and settings (null when signed out). */
export function useMeQuery() {
  return useQuery(meQuery);
}

export interface Session {
  me: Me;
  /** Signs out on the server, forgets every cached answer and goes to the sign-in page. */
  signOut: (reason?: 'idle' | 'expired') => Promise<void>;
}

export const SessionContext = createContext<Session | null>(null);

/** The session of the signed-in person; only inside the signed-in part of the app. */
export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a signed-in page');
  return session;
}

/** The signed-in person (shorthand for useSession().me). */
export function useMe(): Me {
  return useSession().me;
}

/** Builds signOut for a practice: server logout (best effort), clear caches, go to sign-in. */
export function useSignOut(slug: string) {
  const client = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (reason?: 'idle' | 'expired') => {
      try {
        await api.post('/api/auth/logout');
      } catch {
        // The session may already be gone on the server; signing out locally is what matters.
      }
      setCsrfToken(null);
      forgetSignedInTab();
      client.clear();
      await navigate(`/p/${slug}/sign-in${reason ? `?reason=${reason}` : ''}`, { replace: true });
    },
    [client, navigate, slug],
  );
}
