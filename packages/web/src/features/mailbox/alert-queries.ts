import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, queryKeys } from '../../api';

/** R41: a staff member marks an overdue thread "No reply needed"; it leaves the Overdue folder for everyone. */
export function useNoReplyNeeded(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/api/threads/${encodeURIComponent(threadId)}/overdue/no-reply-needed`),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.allThreads });
      void client.invalidateQueries({ queryKey: queryKeys.thread(threadId) });
    },
  });
}

/** R42: a staff member acknowledges a possible crisis; the pin and the flag go for everyone. */
export function useAcknowledgeCrisis(threadId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: () => api.post(`/api/threads/${encodeURIComponent(threadId)}/crisis/acknowledge`),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: queryKeys.allThreads });
      void client.invalidateQueries({ queryKey: queryKeys.thread(threadId) });
    },
  });
}
