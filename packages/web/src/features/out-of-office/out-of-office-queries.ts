import { OutOfOfficeResponse } from '@confide/api';
import type { OutOfOfficeRequest } from '@confide/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryKeys } from '../../api';

/** R40: where a member's out of office lives — their own (`'me'`) or, for an admin, a colleague's (by id). */
export function outOfOfficePath(memberId: string): string {
  return memberId === 'me' ? '/api/me/out-of-office' : `/api/admin/staff/${encodeURIComponent(memberId)}/out-of-office`;
}

/** R40: the member's current or next out-of-office period (null when none is set). */
export function useOutOfOffice(memberId: string) {
  return useQuery({
    queryKey: queryKeys.outOfOffice(memberId),
    queryFn: async () => (await api.get(outOfOfficePath(memberId), OutOfOfficeResponse)).outOfOffice,
  });
}

/** R40: sets (PUT) or ends (DELETE) the period; recipients' "Away until" and the staff list follow. */
export function useSaveOutOfOffice(memberId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (request: OutOfOfficeRequest | null) => {
      if (request === null) {
        await api.delete(outOfOfficePath(memberId));
        return null;
      }
      return (await api.put(outOfOfficePath(memberId), request, OutOfOfficeResponse)).outOfOffice;
    },
    onSuccess: (saved) => client.setQueryData(queryKeys.outOfOffice(memberId), saved),
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['recipients'] });
      void client.invalidateQueries({ queryKey: ['out-of-office'] });
    },
  });
}
