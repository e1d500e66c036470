import { PracticePublicResponse } from '@confide/api';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../api';

/** The public name of a practice for its signed-out pages (GET /api/practices/:slug). */
export function usePracticePublic(slug: string) {
  return useQuery({
    queryKey: ['practice-public', slug],
    queryFn: () => api.get(`/api/practices/${encodeURIComponent(slug)}`, PracticePublicResponse),
    retry: false,
    staleTime: 5 * 60_000,
  });
}

/** Reads `token` from the URL fragment (#token=…): fragments never reach servers or logs. */
export function tokenFromHash(): string {
  return new URLSearchParams(window.location.hash.slice(1)).get('token') ?? '';
}
