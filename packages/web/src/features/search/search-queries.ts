import { SearchResponse } from '@confide/api';
import { useInfiniteQuery } from '@tanstack/react-query';
import { api, qs, queryKeys } from '../../api';

/**
 * R44: the caller's threads searched, a page at a time ("Load more"). Under the `threads` key
 * prefix, so live events that refresh the lists refresh the results too (a deleted message goes).
 */
export function useSearch(q: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.search(q),
    queryFn: ({ pageParam }) => api.get(`/api/search${qs({ q, cursor: pageParam })}`, SearchResponse),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled: q.length > 0,
  });
}

// The last search per side, kept in memory only (never the URL or storage: words are PHI), so
// coming back from a result shows the same results.
const remembered = new Map<string, string>();

/** The search a side last ran in this tab, or "". */
export function rememberedSearch(scope: string): string {
  return remembered.get(scope) ?? '';
}

/** Remembers (or with "" forgets) a side's search. */
export function rememberSearch(scope: string, q: string): void {
  if (q) remembered.set(scope, q);
  else remembered.delete(scope);
}
