import { useSyncExternalStore } from 'react';

// Module state: the answer to a send may arrive after the screen that sent it has changed.
let isShown = false;
const listeners = new Set<() => void>();

function set(next: boolean) {
  isShown = next;
  listeners.forEach((l) => l());
}

/** R42: the server found words of crisis in a message this client just sent. */
export function showCrisisCard(): void {
  set(true);
}

/** Whether the crisis card is showing, and how to dismiss it. */
export function useCrisisCard(): { isShown: boolean; dismiss: () => void } {
  const shown = useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => isShown,
  );
  return { isShown: shown, dismiss: () => set(false) };
}
