import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { toQueryString, type ListPage, type SortOrder } from '@/lib/list';
import type { Language } from '@/i18n/languages';
import { workspacePath } from '@/features/workspaces/api/workspaces';

/** Free-form on the server; the dashboard edits these four fields and keeps any others. */
export type Address = {
  line1?: string;
  city?: string;
  postalCode?: string;
  country?: string;
  [field: string]: unknown;
};

export type Customer = {
  id: string;
  name: string;
  email: string | null;
  /** E.164. */
  phone: string | null;
  /** Set by the WhatsApp channel; read-only. */
  whatsappId: string | null;
  language: Language;
  company: string;
  shippingAddress: Address;
  billingAddress: Address;
  notes: string;
  tags: string[];
  customFields: Record<string, unknown>;
  /** Recorded by the platform; read-only. */
  gdprConsent: { givenAt: string | null; version: string | null };
  pushOptIn: boolean;
  blocked: boolean;
  blockedReason: string;
  registeredAt: string | null;
  createdAt: string;
};

/** `email: ''` and `phone: ''` remove them on update; on create they are left out. */
export type CustomerInput = {
  name: string;
  email?: string;
  phone?: string;
  language: Language;
  company: string;
  shippingAddress: Address;
  billingAddress: Address;
  notes: string;
  tags: string[];
  pushOptIn: boolean;
  blocked?: boolean;
  blockedReason?: string;
};

export type CustomerSort = 'createdAt' | 'name';

export const CUSTOMER_SORTS: readonly CustomerSort[] = ['createdAt', 'name'];

export type CustomerFilters = {
  search?: string;
  blocked?: boolean;
  /** Exact tag. */
  tag?: string;
  sort?: CustomerSort;
  order?: SortOrder;
  page: number;
  limit: number;
};

export const customerKeys = {
  all: ['customers'] as const,
  lists: (workspaceId: string) => ['customers', workspaceId, 'list'] as const,
  list: (workspaceId: string, filters: CustomerFilters) => ['customers', workspaceId, 'list', filters] as const,
  detail: (workspaceId: string, id: string) => ['customers', workspaceId, 'detail', id] as const,
};

function customersPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/customers`;
}

function customerPath(workspaceId: string, id: string): string {
  return `${customersPath(workspaceId)}/${encodeURIComponent(id)}`;
}

/** The query string of `GET …/customers` for these filters (empty filters are left out). */
export function customersQuery(filters: CustomerFilters): string {
  return toQueryString({
    search: filters.search?.trim(),
    blocked: filters.blocked,
    tag: filters.tag?.trim(),
    sort: filters.sort,
    order: filters.sort ? filters.order : undefined,
    page: filters.page,
    limit: filters.limit,
  });
}

export function useCustomers(workspaceId: string, filters: CustomerFilters, { enabled = true } = {}) {
  return useQuery({
    queryKey: customerKeys.list(workspaceId, filters),
    queryFn: ({ signal }) =>
      apiFetch<ListPage<Customer>>(`${customersPath(workspaceId)}${customersQuery(filters)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useCustomer(workspaceId: string, id: string) {
  return useQuery({
    queryKey: customerKeys.detail(workspaceId, id),
    queryFn: ({ signal }) => apiFetch<Customer>(customerPath(workspaceId, id), { signal }),
  });
}

function useInvalidateCustomers(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: customerKeys.lists(workspaceId) });
}

export function useCreateCustomer(workspaceId: string) {
  const invalidate = useInvalidateCustomers(workspaceId);
  return useMutation({
    mutationFn: (customer: CustomerInput) =>
      apiFetch<Customer>(customersPath(workspaceId), { method: 'POST', body: customer }),
    onSuccess: () => invalidate(),
  });
}

/** Profile changes, and blocking (`{ blocked: true, blockedReason }`) or unblocking (`{ blocked: false }`). */
export function useUpdateCustomer(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCustomers(workspaceId);
  return useMutation({
    mutationFn: (changes: Partial<CustomerInput>) =>
      apiFetch<Customer>(customerPath(workspaceId, id), { method: 'PATCH', body: changes }),
    onSuccess: (customer) => {
      queryClient.setQueryData(customerKeys.detail(workspaceId, id), customer);
      return invalidate();
    },
  });
}

export function useDeleteCustomer(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateCustomers(workspaceId);
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(customerPath(workspaceId, id), { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: customerKeys.detail(workspaceId, id) });
      return invalidate();
    },
  });
}
