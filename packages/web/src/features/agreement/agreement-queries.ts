import { AcceptanceResponse, AgreementResponse, AgreementStatusResponse, ClientAgreementResponse } from '@confide/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, queryKeys } from '../../api';

/** R43: the current agreement, the caller's latest acceptance and whether they must accept first. */
export const agreementStatusQuery = {
  queryKey: queryKeys.agreement,
  queryFn: () => api.get('/api/agreement', AgreementStatusResponse),
};

export function useAgreementStatus() {
  return useQuery(agreementStatusQuery);
}

/** R43: the client accepts the version they read; a version changed meanwhile answers 409. */
export function useAcceptAgreement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (version: number) =>
      (await api.post('/api/agreement/acceptances', { version }, AcceptanceResponse)).acceptance,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.agreement }),
  });
}

/** R43: an admin publishes the text as the next version. */
export function usePublishAgreement() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: async (text: string) => (await api.put('/api/admin/agreement', { text }, AgreementResponse)).agreement,
    onSettled: () => client.invalidateQueries({ queryKey: queryKeys.agreement }),
  });
}

/** R43, staff side: which versions a client accepted, when, and the current version. */
export function useClientAgreement(clientId: string) {
  return useQuery({
    queryKey: queryKeys.clientAgreement(clientId),
    queryFn: () => api.get(`/api/clients/${encodeURIComponent(clientId)}/agreement`, ClientAgreementResponse),
  });
}
