import type { QueryClient } from '@tanstack/react-query';
import { setSessionExpiredHandler } from '@/lib/api';

/** The part of a data router that session handling needs (browser and memory routers both fit). */
type SessionRouter = {
  readonly state: { readonly location: { pathname: string; search: string; hash: string } };
  navigate: (to: string, options?: { replace?: boolean }) => Promise<void>;
};

export const LOGIN_PATH = '/login';

/** Only paths on this site are followed after login (no `//evil.example`, no absolute URLs). */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next.startsWith(LOGIN_PATH) ? '/' : next;
}

export function loginPath(next?: string): string {
  if (!next || next === '/' || next.startsWith(LOGIN_PATH)) return LOGIN_PATH;
  return `${LOGIN_PATH}?${new URLSearchParams({ next })}`;
}

/**
 * When a request is still unauthorized after a silent refresh, the session is over: go to the
 * login page (coming back here afterwards) and forget every cached answer of the old session.
 * Returns a function that uninstalls the handler.
 */
export function installSessionExpiryHandler(queryClient: QueryClient, router: SessionRouter): () => void {
  let redirecting = false;

  async function handleSessionExpired() {
    const { pathname, search, hash } = router.state.location;
    if (redirecting || pathname.startsWith(LOGIN_PATH)) return;
    redirecting = true;
    try {
      await router.navigate(loginPath(`${pathname}${search}${hash}`), { replace: true });
      queryClient.removeQueries();
    } finally {
      redirecting = false;
    }
  }

  setSessionExpiredHandler(() => void handleSessionExpired());
  return () => setSessionExpiredHandler(null);
}
