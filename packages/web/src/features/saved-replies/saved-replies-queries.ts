import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { SavedRepliesResponse, SavedReplyResponse, type SavedReplyScope } from '@confide/api';
import { api, queryKeys } from '../../api';

/** R45: the signed-in staff member's saved replies and the practice's (staff only). */
export function useSavedReplies(isEnabled = true) {
  return useQuery({
    queryKey: queryKeys.savedReplies,
    queryFn: async () => (await api.get('/api/saved-replies', SavedRepliesResponse)).savedReplies,
    enabled: isEnabled,
  });
}

/** What the form sends: a new reply names its scope; an edited one keeps it. */
export interface SavedReplyInput {
  id?: string;
  scope: SavedReplyScope;
  title: string;
  body: string;
}

/** Creates, updates or deletes a saved reply, then refreshes the list. */
export function useSavedReplyMutations() {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ queryKey: queryKeys.savedReplies });
  const save = useMutation({
    mutationFn: ({ id, scope, title, body }: SavedReplyInput) =>
      id
        ? api.put(`/api/saved-replies/${encodeURIComponent(id)}`, { title, body }, SavedReplyResponse)
        : api.post('/api/saved-replies', { scope, title, body }, SavedReplyResponse),
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: (id: string) => api.delete(`/api/saved-replies/${encodeURIComponent(id)}`),
    onSuccess: refresh,
  });
  return { save, remove };
}
