import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { toQueryString, type ListPage, type SortOrder } from '@/lib/list';
import type { Language } from '@/i18n/languages';
import { workspacePath } from '@/features/workspaces/api/workspaces';

export type Service = {
  id: string;
  name: string;
  description: string;
  /** Gross price in minor units. */
  price: number;
  taxRate: number;
  durationMinutes: number | null;
  active: boolean;
  language: Language;
  createdAt: string;
};

export type ServiceInput = {
  name: string;
  description: string;
  price: number;
  taxRate: number;
  /** Left out when not set. */
  durationMinutes?: number;
  active: boolean;
  language: Language;
};

export type ServiceSort = 'name' | 'price' | 'createdAt';

export const SERVICE_SORTS: readonly ServiceSort[] = ['name', 'price', 'createdAt'];

export type ServiceFilters = {
  search?: string;
  active?: boolean;
  sort?: ServiceSort;
  order?: SortOrder;
  page: number;
  limit: number;
};

export const serviceKeys = {
  all: ['services'] as const,
  lists: (workspaceId: string) => ['services', workspaceId, 'list'] as const,
  list: (workspaceId: string, filters: ServiceFilters) => ['services', workspaceId, 'list', filters] as const,
  detail: (workspaceId: string, id: string) => ['services', workspaceId, 'detail', id] as const,
};

function servicesPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/services`;
}

function servicePath(workspaceId: string, id: string): string {
  return `${servicesPath(workspaceId)}/${encodeURIComponent(id)}`;
}

export function useServices(workspaceId: string, filters: ServiceFilters) {
  return useQuery({
    queryKey: serviceKeys.list(workspaceId, filters),
    queryFn: ({ signal }) =>
      apiFetch<ListPage<Service>>(
        `${servicesPath(workspaceId)}${toQueryString({ ...filters, search: filters.search?.trim(), order: filters.sort && filters.order })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useService(workspaceId: string, id: string) {
  return useQuery({
    queryKey: serviceKeys.detail(workspaceId, id),
    queryFn: ({ signal }) => apiFetch<Service>(servicePath(workspaceId, id), { signal }),
  });
}

function useInvalidateServices(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: serviceKeys.lists(workspaceId) });
}

export function useCreateService(workspaceId: string) {
  const invalidate = useInvalidateServices(workspaceId);
  return useMutation({
    mutationFn: (service: ServiceInput) => apiFetch<Service>(servicesPath(workspaceId), { method: 'POST', body: service }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateService(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateServices(workspaceId);
  return useMutation({
    mutationFn: (changes: Partial<ServiceInput>) =>
      apiFetch<Service>(servicePath(workspaceId, id), { method: 'PATCH', body: changes }),
    onSuccess: (service) => {
      queryClient.setQueryData(serviceKeys.detail(workspaceId, id), service);
      return invalidate();
    },
  });
}

export function useDeleteService(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateServices(workspaceId);
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(servicePath(workspaceId, id), { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: serviceKeys.detail(workspaceId, id) });
      return invalidate();
    },
  });
}
