import { RecipientsResponse } from '@confide/api';
import type { AwayStatus } from '@confide/api';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { api, qs, queryKeys } from '../../api';
import { roleLabel } from '../mailbox/format';
import { formatAwayUntil } from '../out-of-office/away';

export type Chosen =
  | { kind: 'group'; id: 'front_office' | 'providers' | 'external_agents'; name: string }
  | { kind: 'user'; id: string; name: string; role: string; isInactive?: boolean; away?: AwayStatus };

export interface Option {
  chosen: Chosen;
  detail: string;
  isDisabled: boolean;
}

/** Debounces a value (type-ahead should not call the server on every key). */
export function useDebounced<T>(value: T, ms: number): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const timer = window.setTimeout(() => setDebounced(value), ms);
    return () => window.clearTimeout(timer);
  }, [value, ms]);
  return debounced;
}

/** The people and groups this person may address, matching `q` (GET /api/recipients). */
export function useRecipients(q: string) {
  return useQuery({
    queryKey: queryKeys.recipients(q),
    queryFn: () => api.get(`/api/recipients${qs({ q })}`, RecipientsResponse),
    staleTime: 60_000,
    placeholderData: (previous) => previous,
  });
}

/**
 * The suggestions of the To field: the groups whose name matches, then the people the server
 * offered, less what is already chosen. Someone the sender may not address is shown, disabled,
 * with the server's reason; an inactive or away person says so.
 */
export function recipientOptions(
  data: RecipientsResponse | undefined,
  value: Chosen[],
  text: string,
  timeZone: string,
): Option[] {
  const chosenKeys = new Set(value.map((item) => `${item.kind}:${item.id}`));
  const needle = text.trim().toLowerCase();
  return [
    ...(data?.groups ?? [])
      .filter((group) => !needle || group.name.toLowerCase().includes(needle))
      .map((group) => ({
        chosen: { kind: 'group' as const, id: group.id, name: group.name },
        detail: 'Group',
        isDisabled: false,
      })),
    ...(data?.recipients ?? []).map((person) => ({
      chosen: {
        kind: 'user' as const,
        id: person.id,
        name: person.name,
        role: person.role,
        isInactive: person.status === 'inactive',
        away: person.away,
      },
      detail: person.available
        ? `${roleLabel(person.role)}${person.status === 'inactive' ? ' · inactive' : ''}${person.away ? ` · away until ${formatAwayUntil(person.away.until, timeZone)}` : ''}`
        : `${roleLabel(person.role)} — ${person.unavailableReason ?? 'unavailable'}`,
      isDisabled: !person.available,
    })),
  ].filter((option) => !chosenKeys.has(`${option.chosen.kind}:${option.chosen.id}`));
}
