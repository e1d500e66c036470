import { useQueries } from '@tanstack/react-query';
import { ReceiptsResponse, type MessageReceipts } from '@confide/api';
import { api, queryKeys } from '../../api';

async function fetchReceipts(threadId: string): Promise<MessageReceipts[]> {
  const answer = await api.get(`/api/threads/${encodeURIComponent(threadId)}/receipts`, ReceiptsResponse);
  return answer.messages;
}

/**
 * R47: the receipts of the caller's own messages in some threads, by message id. Asking does not
 * open a thread; a `message.read` live event refreshes them. Empty for a client of a practice that
 * keeps receipts from clients (the server says so).
 */
export function useReceipts(threadIds: string[]): Map<string, MessageReceipts> {
  return useQueries({
    queries: threadIds.map((threadId) => ({
      queryKey: queryKeys.receipts(threadId),
      queryFn: () => fetchReceipts(threadId),
    })),
    combine: (results) => new Map(results.flatMap((r) => r.data ?? []).map((m) => [m.messageId, m])),
  });
}
