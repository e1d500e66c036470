import { AccessResponse } from '@confide/api';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, qs, queryKeys } from '../../api';

/**
 * R38: an access report, paged: a client's (`/api/clients/:id/access`, staff) or the signed-in
 * client's own (`/api/me/access`, `clientId` "me").
 */
export function useAccessReport(clientId: string) {
  const path = clientId === 'me' ? '/api/me/access' : `/api/clients/${encodeURIComponent(clientId)}/access`;
  return useInfiniteQuery({
    queryKey: queryKeys.access(clientId),
    queryFn: ({ pageParam }) => api.get(`${path}${qs({ cursor: pageParam, limit: 25 })}`, AccessResponse),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}
