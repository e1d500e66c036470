import { useEffect } from 'react';

/** Sets the page title — never PHI: only the screen's name, e.g. "Inbox · Confide". */
export function useTitle(screen: string): void {
  useEffect(() => {
    document.title = screen ? `${screen} · Confide` : 'Confide';
  }, [screen]);
}
