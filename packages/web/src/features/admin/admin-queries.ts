import {
  AuditResponse,
  ClientsResponse,
  OutboxResponse,
  RecipientsResponse,
  RetentionPreviewResponse,
  SettingsResponse,
  StaffListResponse,
} from '@confide/api';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, qs, queryKeys } from '../../api';

/** Staff list (GET /api/admin/staff). */
export function useStaff() {
  return useQuery({
    queryKey: queryKeys.admin('staff'),
    queryFn: async () => (await api.get('/api/admin/staff', StaffListResponse)).staff,
  });
}

/** R40: who on the staff is out of office now (the recipient list carries it), by member id. */
export function useStaffAway() {
  const recipients = useQuery({
    queryKey: queryKeys.recipients(''),
    queryFn: () => api.get('/api/recipients', RecipientsResponse),
  });
  const away = new Map<string, NonNullable<RecipientsResponse['recipients'][number]['away']>>();
  for (const r of recipients.data?.recipients ?? []) if (r.away) away.set(r.id, r.away);
  return away;
}

/** Clients with their care teams (GET /api/admin/clients); `enabled: false` for non-admins. */
export function useClients(enabled = true) {
  return useQuery({
    queryKey: queryKeys.admin('clients'),
    queryFn: async () => (await api.get('/api/admin/clients', ClientsResponse)).clients,
    enabled,
  });
}

/** Practice settings (GET /api/admin/settings). */
export function useSettings() {
  return useQuery({
    queryKey: queryKeys.admin('settings'),
    queryFn: async () => (await api.get('/api/admin/settings', SettingsResponse)).settings,
  });
}

/** What the next retention run will destroy, and when (GET /api/admin/retention, R51). */
export function useRetention() {
  return useQuery({
    queryKey: queryKeys.admin('retention'),
    queryFn: async () => (await api.get('/api/admin/retention', RetentionPreviewResponse)).retention,
  });
}

/** Email deliveries, newest first, paged (GET /api/admin/outbox). */
export function useOutbox() {
  return useInfiniteQuery({
    queryKey: queryKeys.admin('outbox'),
    queryFn: ({ pageParam }) => api.get(`/api/admin/outbox${qs({ cursor: pageParam })}`, OutboxResponse),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** Audit events matching the filters, paged (GET /api/admin/audit). */
export function useAudit(filters: Record<string, string | undefined>) {
  return useInfiniteQuery({
    queryKey: [...queryKeys.admin('audit'), filters],
    queryFn: ({ pageParam }) =>
      api.get(`/api/admin/audit${qs({ format: 'json', ...filters, cursor: pageParam, limit: 50 })}`, AuditResponse),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

/** A mutation that refreshes the admin lists (and the audit log) when it settles. */
export function useAdminMutation<TInput, TResult = unknown>(fn: (input: TInput) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSettled: () => {
      void client.invalidateQueries({ queryKey: ['admin'] });
      void client.invalidateQueries({ queryKey: queryKeys.me });
      void client.invalidateQueries({ queryKey: ['recipients'] });
    },
  });
}
