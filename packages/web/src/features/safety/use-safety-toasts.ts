import { useCallback } from 'react';
import type { LiveEvent } from '../../api';
import { useToast } from '../../components/Toast';

const words: Partial<Record<string, string>> = {
  reminder: 'Reminder: a client message sent to you has not been opened yet.',
  overdue: 'A client message is past its reply-by time. It is in the Overdue folder.',
};

/** R41: a reminder or an escalation arriving live shows a toast (the lists refresh by themselves). */
export function useSafetyToasts(): (event: LiveEvent) => void {
  const toast = useToast();
  return useCallback(
    (event: LiveEvent) => {
      const text = event.type === 'alert.raised' ? words[event.kind] : undefined;
      if (text) toast(text, 'info');
    },
    [toast],
  );
}
