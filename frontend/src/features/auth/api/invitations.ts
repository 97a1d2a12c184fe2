import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Role } from '../permissions';
import { authKeys, type Me } from './auth';

/** What the invite link shows before it is accepted (public: the token is the credential). */
export type InvitationPreview = {
  email: string;
  workspaceName: string;
  /** Not in the original contract; used when present to open the right workspace afterwards. */
  workspaceId?: string;
  role: Role;
  expiresAt: string;
  existingUser: boolean;
};

export type InvitationAcceptance = {
  name: string;
  password: string;
};

export const invitationKeys = {
  all: ['auth', 'invitations'] as const,
  detail: (token: string) => ['auth', 'invitations', token] as const,
};

function invitationPath(token: string): string {
  return `/api/auth/invitations/${encodeURIComponent(token)}`;
}

export function useInvitation(token: string) {
  return useQuery({
    queryKey: invitationKeys.detail(token),
    queryFn: ({ signal }) => apiFetch<InvitationPreview>(invitationPath(token), { signal }),
    retry: false,
  });
}

/** Accepting logs the invited person in: whoever was logged in before is replaced. */
export function useAcceptInvitation(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (acceptance: InvitationAcceptance) =>
      apiFetch<Me>(`${invitationPath(token)}/accept`, { method: 'POST', body: acceptance }),
    onSuccess: (me) => {
      queryClient.removeQueries();
      queryClient.setQueryData(authKeys.me, me);
    },
  });
}
