import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

export type Session = {
  id: string;
  createdAt: string;
  lastUsedAt: string;
  expiresAt: string;
  userAgent: string;
  ip: string;
  /** The session of this browser. */
  current: boolean;
};

export const sessionKeys = {
  all: ['auth', 'sessions'] as const,
};

/** The session endpoints need a logged-in user, so an expired access token is refreshed. */
export function useSessions() {
  return useQuery({
    queryKey: sessionKeys.all,
    queryFn: ({ signal }) =>
      apiFetch<{ items: Session[] }>('/api/auth/sessions', { signal, onUnauthorized: 'refresh' }),
    select: (data) => data.items,
  });
}

export function useRevokeSession() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (sessionId: string) =>
      apiFetch<void>(`/api/auth/sessions/${encodeURIComponent(sessionId)}`, {
        method: 'DELETE',
        onUnauthorized: 'refresh',
      }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: sessionKeys.all }),
  });
}
