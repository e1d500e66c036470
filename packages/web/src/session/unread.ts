import { UnreadResponse } from '@confide/api';
import { useQuery } from '@tanstack/react-query';
import { api, queryKeys } from '../api';
import { useMe } from './session';

/** The live unread count (R12): seeded from /api/me, then set by 'unread' live events. */
export function useUnreadCount(): number {
  const me = useMe();
  const { data } = useQuery({
    queryKey: queryKeys.unread,
    queryFn: () => api.get('/api/unread', UnreadResponse),
    initialData: { count: me.unread },
    staleTime: 30_000,
  });
  return data.count;
}
