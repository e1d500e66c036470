import { useQuery } from '@tanstack/react-query';
import { api, queryKeys, type PasskeysResponse } from '../../api';

/** The signed-in person's passkeys (R53). */
export function usePasskeys() {
  return useQuery({
    queryKey: queryKeys.passkeys,
    queryFn: async () => (await api.get<PasskeysResponse>('/api/account/passkeys')).passkeys,
  });
}
