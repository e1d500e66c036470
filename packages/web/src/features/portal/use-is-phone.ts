import { useEffect, useState } from 'react';

const PHONE = '(max-width: 767px)';

/** True below the portal's sidebar breakpoint (a phone), following the window as it changes. */
export function useIsPhone(): boolean {
  const [isPhone, setIsPhone] = useState(() => typeof window !== 'undefined' && window.matchMedia?.(PHONE).matches);
  useEffect(() => {
    const query = window.matchMedia?.(PHONE);
    if (!query) return;
    const update = () => setIsPhone(query.matches);
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, []);
  return Boolean(isPhone);
}
