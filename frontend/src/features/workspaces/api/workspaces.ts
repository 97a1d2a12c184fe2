import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import type { Language } from '@/i18n/languages';
import { authKeys, type WorkspaceStatus } from '@/features/auth/api/auth';
import type { Role } from '@/features/auth/permissions';

export type Workspace = {
  id: string;
  name: string;
  slug: string;
  status: WorkspaceStatus;
  currency: string;
  defaultLanguage: Language;
  timezone: string;
  businessType: string;
  /** Requests per minute per user. */
  apiRateLimit: number;
  /** The seller on invoices; '' when not set (the invoice then shows `name`). */
  legalName?: string;
  legalAddress?: string;
  vatNumber?: string;
  createdAt: string;
};

export type WorkspaceWithRole = Workspace & { role: Role };

export type NewWorkspace = {
  name: string;
  slug?: string;
  currency: string;
  defaultLanguage: Language;
  timezone: string;
  businessType: string;
};

export type WorkspaceChanges = Partial<Omit<NewWorkspace, 'slug'>> & {
  status?: WorkspaceStatus;
  apiRateLimit?: number;
  legalName?: string;
  legalAddress?: string;
  vatNumber?: string;
};

export const workspaceKeys = {
  all: ['workspaces'] as const,
  list: ['workspaces', 'list'] as const,
  detail: (workspaceId: string) => ['workspaces', 'detail', workspaceId] as const,
};

export function workspacePath(workspaceId: string): string {
  return `/api/workspaces/${encodeURIComponent(workspaceId)}`;
}

export function useWorkspaces() {
  return useQuery({
    queryKey: workspaceKeys.list,
    queryFn: ({ signal }) => apiFetch<{ items: WorkspaceWithRole[] }>('/api/workspaces', { signal }),
    select: (data) => data.items,
  });
}

export function useWorkspace(workspaceId: string) {
  return useQuery({
    queryKey: workspaceKeys.detail(workspaceId),
    queryFn: ({ signal }) => apiFetch<Workspace>(workspacePath(workspaceId), { signal }),
  });
}

/** The memberships in `me` change with every workspace mutation: refresh them before moving on. */
function useRefreshWorkspaces() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: authKeys.me }),
      queryClient.invalidateQueries({ queryKey: workspaceKeys.list }),
    ]);
}

export function useCreateWorkspace() {
  const refresh = useRefreshWorkspaces();
  return useMutation({
    mutationFn: (workspace: NewWorkspace) =>
      apiFetch<Workspace>('/api/workspaces', { method: 'POST', body: workspace }),
    onSuccess: () => refresh(),
  });
}

export function useUpdateWorkspace(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshWorkspaces();
  return useMutation({
    mutationFn: (changes: WorkspaceChanges) =>
      apiFetch<Workspace>(workspacePath(workspaceId), { method: 'PATCH', body: changes }),
    onSuccess: (workspace) => {
      queryClient.setQueryData(workspaceKeys.detail(workspaceId), workspace);
      return refresh();
    },
  });
}

export function useDeleteWorkspace(workspaceId: string) {
  const queryClient = useQueryClient();
  const refresh = useRefreshWorkspaces();
  return useMutation({
    mutationFn: () => apiFetch<void>(workspacePath(workspaceId), { method: 'DELETE' }),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: workspaceKeys.detail(workspaceId) });
      return refresh();
    },
  });
}
