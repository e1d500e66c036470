import { PasskeysResponse } from '@confide/api';
import { useQuery } from '@tanstack/react-query';
import { api, queryKeys } from '../../api';

/** The signed-in person's passkeys (R53). */
export function usePasskeys() {
  return useQuery({
    queryKey: queryKeys.passkeys,
    queryFn: async () => (await api.get('/api/account/passkeys', PasskeysResponse)).passkeys,
  });
}
