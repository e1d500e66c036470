import { RecipientsResponse, ThreadResponse, ThreadsResponse } from '@confide/api';
import type { Folder, ThreadDetail, ThreadSummary } from '@confide/api';
import { queryOptions, type QueryClient, useQueries, useQuery } from '@tanstack/react-query';
import { api, qs, queryKeys } from '../../api';
import { agreementStatusQuery } from '../agreement/agreement-queries';
import { mergeThreads } from './conversations';

const MAX_PAGES = 10;

/** Every thread of one folder, following the cursor (a client's history is small). */
async function fetchFolder(folder: Folder): Promise<ThreadSummary[]> {
  const threads: ThreadSummary[] = [];
  let cursor: string | null | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await api.get(`/api/threads${qs({ folder, limit: 100, cursor })}`, ThreadsResponse);
    threads.push(...answer.threads);
    cursor = answer.nextCursor;
    if (!cursor) break;
  }
  return threads;
}

/** One folder's threads. */
export function folderQuery(folder: Folder) {
  return queryOptions({ queryKey: queryKeys.threads(folder), queryFn: () => fetchFolder(folder) });
}

export function useFolder(folder: Folder) {
  return useQuery(folderQuery(folder));
}

/** Inbox, Sent and Archive merged by id: the threads both layouts show (R27). */
export function useAllThreads() {
  const inbox = useFolder('inbox');
  const sent = useFolder('sent');
  const archive = useFolder('archive');
  const parts = [inbox, sent, archive];
  const isPending = parts.some((q) => q.isPending);
  const error = parts.find((q) => q.error)?.error ?? null;
  const threads = isPending || error ? [] : mergeThreads(inbox.data ?? [], sent.data ?? [], archive.data ?? []);
  return { threads, isPending, error, refetch: () => parts.forEach((q) => void q.refetch()) };
}

/** Fetches one thread; opening it marks it read on the server (R12). */
export function fetchThread(id: string): Promise<ThreadDetail> {
  return api.get(`/api/threads/${encodeURIComponent(id)}`, ThreadResponse).then((r) => r.thread);
}

/** The details of several threads at once (a conversation's threads). */
export function useThreads(ids: string[]) {
  return useQueries({
    queries: ids.map((id) => ({ queryKey: queryKeys.thread(id), queryFn: () => fetchThread(id) })),
  });
}

/** One thread's details. */
export function useThread(id: string | undefined) {
  return useQuery({ queryKey: queryKeys.thread(id ?? ''), queryFn: () => fetchThread(id!), enabled: !!id });
}

/** Whom this client may write to (R2), with unavailable ones marked (R3). */
export const recipientsQuery = {
  queryKey: queryKeys.recipients(''),
  queryFn: () => api.get('/api/recipients', RecipientsResponse),
};

/**
 * Starts what the Messages page reads first, before the app has rendered: the folders both
 * layouts merge, whom the client may write to, and whether the agreement must be accepted first.
 */
export function prefetchMessages(client: QueryClient): void {
  for (const folder of ['inbox', 'sent', 'archive'] as const) void client.prefetchQuery(folderQuery(folder));
  void client.prefetchQuery(recipientsQuery);
  void client.prefetchQuery(agreementStatusQuery);
}

export function useRecipients() {
  return useQuery(recipientsQuery);
}
