import { BulkResponse, DraftsResponse, Folder as FolderSchema, ThreadResponse, ThreadsResponse } from '@confide/api';
import {
  infiniteQueryOptions,
  type QueryClient,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query';
import { api, qs, queryKeys, type Folder } from '../../api';

/** One folder's threads, newest activity first, paged by cursor ("Load more"). */
export function threadListQuery(folder: Folder) {
  return infiniteQueryOptions({
    queryKey: queryKeys.threads(folder),
    queryFn: ({ pageParam }) => api.get(`/api/threads${qs({ folder, cursor: pageParam, limit: 25 })}`, ThreadsResponse),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Starts what a mailbox folder (its address's `folder`) shows first, before the app has rendered. */
export function prefetchMailbox(client: QueryClient, folder: string): void {
  const shown = FolderSchema.safeParse(folder);
  if (!shown.success) return;
  void client.prefetchInfiniteQuery(threadListQuery(shown.data));
  // The inbox pins the threads with an open crisis alert above its list (R41).
  if (shown.data === 'inbox') void client.prefetchInfiniteQuery(threadListQuery('crisis'));
}

export function useThreadList(folder: Folder) {
  return useInfiniteQuery(threadListQuery(folder));
}

/** A thread with its messages; opening it marks it read on the server. */
export function useThread(id: string) {
  const client = useQueryClient();
  return useQuery({
    queryKey: queryKeys.thread(id),
    queryFn: async () => {
      const { thread } = await api.get(`/api/threads/${encodeURIComponent(id)}`, ThreadResponse);
      // The server read it for us: the lists' bold and the badge follow.
      void client.invalidateQueries({ queryKey: queryKeys.allThreads });
      return thread;
    },
  });
}

/** The drafts folder. */
export function useDrafts() {
  return useQuery({
    queryKey: queryKeys.drafts,
    queryFn: async () => (await api.get('/api/drafts', DraftsResponse)).drafts,
  });
}

/** Invalidates everything a change to threads can touch. */
export function useRefreshMail() {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: queryKeys.allThreads });
    void client.invalidateQueries({ queryKey: queryKeys.unread });
  };
}

/** R13: one action on several threads; the server answers per thread. */
export function useBulkAction() {
  const refresh = useRefreshMail();
  return useMutation({
    mutationFn: (input: { ids: string[]; action: 'read' | 'unread' | 'archive' | 'inbox' | 'delete' }) =>
      api.post('/api/threads/bulk', input, BulkResponse),
    onSettled: refresh,
  });
}

/** Marks one thread read/unread or archives/unarchives it. */
export function usePatchThread(id: string) {
  const refresh = useRefreshMail();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (patch: { read?: boolean; archived?: boolean }) =>
      api.patch(`/api/threads/${encodeURIComponent(id)}`, patch),
    onSettled: () => {
      refresh();
      void client.invalidateQueries({ queryKey: queryKeys.thread(id) });
    },
  });
}

/** R18/R19: deletes a whole thread, permanently. */
export function useDeleteThread() {
  const refresh = useRefreshMail();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.delete(`/api/threads/${encodeURIComponent(id)}`),
    onSuccess: (_, id) => client.removeQueries({ queryKey: queryKeys.thread(id) }),
    onSettled: refresh,
  });
}

/** R17/R19: deletes one message, permanently. */
export function useDeleteMessage(threadId: string) {
  const refresh = useRefreshMail();
  const client = useQueryClient();
  return useMutation({
    mutationFn: (messageId: string) => api.delete(`/api/messages/${encodeURIComponent(messageId)}`),
    onSettled: () => {
      refresh();
      void client.invalidateQueries({ queryKey: queryKeys.thread(threadId) });
    },
  });
}
