import { useState } from 'react';

export type PortalLayout = 'chat' | 'mail';
const STORAGE_KEY = 'confide.portal.layout';

/** The practice's default layout (R27), unless this client picked the other one on this device. */
export function useLayoutChoice(practiceDefault: PortalLayout): [PortalLayout, (layout: PortalLayout) => void] {
  const [choice, setChoice] = useState<PortalLayout | null>(() => {
    try {
      const saved = window.localStorage.getItem(STORAGE_KEY);
      return saved === 'chat' || saved === 'mail' ? saved : null;
    } catch {
      return null;
    }
  });
  const set = (layout: PortalLayout) => {
    setChoice(layout);
    try {
      window.localStorage.setItem(STORAGE_KEY, layout);
    } catch {
      // Private browsing: the choice lasts for this visit only.
    }
  };
  return [choice ?? practiceDefault, set];
}
