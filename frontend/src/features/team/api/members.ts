import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { authKeys } from '@/features/auth/api/auth';
import type { Role } from '@/features/auth/permissions';
import { workspacePath } from '@/features/workspaces/api/workspaces';

export type Member = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  joinedAt: string;
};

export type Invitation = {
  id: string;
  email: string;
  role: Role;
  expiresAt: string;
  createdAt: string;
};

export type Team = {
  items: Member[];
  invitations: Invitation[];
};

export type NewInvitation = {
  email: string;
  role: Role;
};

export const memberKeys = {
  all: ['members'] as const,
  list: (workspaceId: string) => ['members', workspaceId] as const,
};

function membersPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/members`;
}

export function useTeam(workspaceId: string) {
  return useQuery({
    queryKey: memberKeys.list(workspaceId),
    queryFn: ({ signal }) => apiFetch<Team>(membersPath(workspaceId), { signal }),
  });
}

function useInvalidateTeam(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: memberKeys.list(workspaceId) });
}

export function useInviteMember(workspaceId: string) {
  const invalidate = useInvalidateTeam(workspaceId);
  return useMutation({
    mutationFn: (invitation: NewInvitation) =>
      apiFetch<Invitation>(`${membersPath(workspaceId)}/invitations`, { method: 'POST', body: invitation }),
    onSuccess: () => invalidate(),
  });
}

export function useRevokeInvitation(workspaceId: string) {
  const invalidate = useInvalidateTeam(workspaceId);
  return useMutation({
    mutationFn: (invitationId: string) =>
      apiFetch<void>(`${membersPath(workspaceId)}/invitations/${encodeURIComponent(invitationId)}`, {
        method: 'DELETE',
      }),
    onSettled: () => invalidate(),
  });
}

/** Changing one's own role changes what the dashboard shows, so `me` is refreshed too. */
export function useChangeMemberRole(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateTeam(workspaceId);
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      apiFetch<Member>(`${membersPath(workspaceId)}/${encodeURIComponent(userId)}`, {
        method: 'PATCH',
        body: { role },
      }),
    onSettled: () => Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: authKeys.me })]),
  });
}

export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateTeam(workspaceId);
  return useMutation({
    mutationFn: (userId: string) =>
      apiFetch<void>(`${membersPath(workspaceId)}/${encodeURIComponent(userId)}`, { method: 'DELETE' }),
    onSettled: () => Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: authKeys.me })]),
  });
}
