import { useEffect, useRef } from 'react';

/**
 * Calls `onRestored` when the browser shows this page again from its back/forward cache, e.g. when
 * the customer comes back from a payment page with the Back button: a page left "on its way out"
 * must be usable again.
 */
export function usePageRestored(onRestored: () => void): void {
  const latest = useRef(onRestored);
  useEffect(() => {
    latest.current = onRestored;
  });
  useEffect(() => {
    const handle = (event: PageTransitionEvent) => {
      if (event.persisted) latest.current();
    };
    window.addEventListener('pageshow', handle);
    return () => window.removeEventListener('pageshow', handle);
  }, []);
}
