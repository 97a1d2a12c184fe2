import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Language } from '@/i18n/languages';
import type { Role } from '../permissions';

export type User = {
  id: string;
  email: string;
  name: string;
  language: Language;
};

export type WorkspaceStatus = 'active' | 'inactive';

export type Membership = {
  workspaceId: string;
  workspaceName: string;
  workspaceSlug: string;
  workspaceStatus: WorkspaceStatus;
  role: Role;
};

export type Me = {
  user: User;
  memberships: Membership[];
};

export type Credentials = {
  email: string;
  password: string;
};

export type PasswordChange = {
  currentPassword: string;
  newPassword: string;
};

export type PasswordResetConfirmation = {
  token: string;
  newPassword: string;
};

export const authKeys = {
  all: ['auth'] as const,
  me: ['auth', 'me'] as const,
};

/** Who is logged in. A 401 (even after a silent refresh) means nobody: the caller redirects to login. */
export function fetchMe(signal?: AbortSignal): Promise<Me> {
  return apiFetch<Me>('/api/auth/me', { signal, onUnauthorized: 'refresh-quietly' });
}

export function useMe() {
  return useQuery({
    queryKey: authKeys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    staleTime: 60_000,
    retry: false,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (credentials: Credentials) =>
      apiFetch<Me>('/api/auth/login', { method: 'POST', body: credentials }),
    onSuccess: (me) => {
      queryClient.removeQueries();
      queryClient.setQueryData(authKeys.me, me);
    },
  });
}

/** Ends the session on the server; the caller navigates away and then clears the cache. */
export function useLogout() {
  return useMutation({
    mutationFn: () => apiFetch<void>('/api/auth/logout', { method: 'POST' }),
  });
}

/**
 * A 401 here is either an expired access token or a wrong current password: after one silent
 * refresh, a remaining 401 is the wrong password and is left to the form.
 */
export function useChangePassword() {
  return useMutation({
    mutationFn: (change: PasswordChange) =>
      apiFetch<void>('/api/auth/password', { method: 'POST', body: change, onUnauthorized: 'refresh-quietly' }),
  });
}

/** Always answers 202, whether the address exists or not. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (email: string) => apiFetch<void>('/api/auth/password-reset', { method: 'POST', body: { email } }),
  });
}

export function useConfirmPasswordReset() {
  return useMutation({
    mutationFn: (confirmation: PasswordResetConfirmation) =>
      apiFetch<void>('/api/auth/password-reset/confirm', { method: 'POST', body: confirmation }),
  });
}
