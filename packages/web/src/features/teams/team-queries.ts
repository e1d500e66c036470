import { ThreadResponse, ThreadsResponse } from '@confide/api';
import type { Team, TeamView } from '@confide/api';
import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api, qs, queryKeys } from '../../api';

/** R46: one of a team's views, newest first, paged by cursor ("Load more"). */
export function useTeamThreads(team: Team, view: TeamView) {
  return useInfiniteQuery({
    queryKey: queryKeys.team(team, view),
    queryFn: ({ pageParam }) =>
      api.get(
        `/api/teams/${encodeURIComponent(team)}/threads${qs({ view, cursor: pageParam, limit: 25 })}`,
        ThreadsResponse,
      ),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/**
 * R46: assigns a team thread to a member, takes it (your own id) or releases it (null) — only
 * if it is still held by whom this screen shows (`previousUserId`); else the server answers 409.
 */
export function useAssignThread(threadId: string, previousUserId: string | null) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (userId: string | null) =>
      api.post(`/api/threads/${encodeURIComponent(threadId)}/assign`, { userId, previousUserId }, ThreadResponse),
    onSuccess: ({ thread }) => client.setQueryData(queryKeys.thread(threadId), thread),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.allThreads });
      void client.invalidateQueries({ queryKey: queryKeys.thread(threadId) });
    },
  });
}
