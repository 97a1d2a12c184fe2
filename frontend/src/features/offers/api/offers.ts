import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { toQueryString, type ListPage, type SortOrder } from '@/lib/list';
import { workspacePath } from '@/features/workspaces/api/workspaces';
import { pricingKeys, type PromoCodeReason } from './pricing';

export type OfferType = 'percentage' | 'fixed_amount' | 'buy_x_get_y';

export const OFFER_TYPES: readonly OfferType[] = ['percentage', 'fixed_amount', 'buy_x_get_y'];

export type Offer = {
  id: string;
  name: string;
  description: string;
  type: OfferType;
  /** percentage: the percent; fixed_amount: minor units; buy_x_get_y: unused. */
  value: number;
  buyQuantity?: number;
  getQuantity?: number;
  productIds: string[];
  /** Categories covered with their sub-categories; both lists empty: the whole catalog. */
  categoryIds: string[];
  startsAt: string | null;
  endsAt: string | null;
  /** Lowest cart subtotal in minor units; 0 for none. */
  minPurchase: number;
  usageLimit: number | null;
  usageLimitPerCustomer: number | null;
  /** null for an automatic offer. */
  code: string | null;
  active: boolean;
  stats: { uses: number; customers: number };
  createdAt: string;
};

/** What the form sends: absent fields are left as they are; `code: ''` removes the code. */
export type OfferInput = {
  name: string;
  description: string;
  type: OfferType;
  value?: number;
  buyQuantity?: number;
  getQuantity?: number;
  productIds: string[];
  categoryIds: string[];
  startsAt?: string;
  endsAt?: string;
  minPurchase: number;
  usageLimit?: number;
  usageLimitPerCustomer?: number;
  /** Absent on a new automatic offer. */
  code?: string;
  active: boolean;
};

export type OfferSort = 'createdAt' | 'name' | 'endsAt';

export const OFFER_SORTS: readonly OfferSort[] = ['createdAt', 'name', 'endsAt'];

export type OfferFilters = {
  search?: string;
  active?: boolean;
  sort?: OfferSort;
  order?: SortOrder;
  page: number;
  limit: number;
};

export type OfferCodeCheck = {
  code: string;
  offerId?: string;
  valid: boolean;
  reason: PromoCodeReason | null;
  /** Minor units; 0 when not valid. */
  discount: number;
};

export const offerKeys = {
  all: ['offers'] as const,
  lists: (workspaceId: string) => ['offers', workspaceId, 'list'] as const,
  list: (workspaceId: string, filters: OfferFilters) => ['offers', workspaceId, 'list', filters] as const,
  detail: (workspaceId: string, id: string) => ['offers', workspaceId, 'detail', id] as const,
  codeCheck: (workspaceId: string, code: string, cartValue: number) =>
    ['offers', workspaceId, 'validate', code, cartValue] as const,
};

function offersPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/offers`;
}

function offerPath(workspaceId: string, id: string): string {
  return `${offersPath(workspaceId)}/${encodeURIComponent(id)}`;
}

export function useOffers(workspaceId: string, filters: OfferFilters) {
  return useQuery({
    queryKey: offerKeys.list(workspaceId, filters),
    queryFn: ({ signal }) =>
      apiFetch<ListPage<Offer>>(
        `${offersPath(workspaceId)}${toQueryString({ ...filters, search: filters.search?.trim(), order: filters.sort && filters.order })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useOffer(workspaceId: string, id: string) {
  return useQuery({
    queryKey: offerKeys.detail(workspaceId, id),
    queryFn: ({ signal }) => apiFetch<Offer>(offerPath(workspaceId, id), { signal }),
  });
}

/** What a promo code would take off a cart of `cartValue` minor units; asks only for a code. */
export function useOfferCodeCheck(workspaceId: string, code: string, cartValue: number | undefined) {
  return useQuery({
    queryKey: offerKeys.codeCheck(workspaceId, code, cartValue ?? -1),
    queryFn: ({ signal }) =>
      apiFetch<OfferCodeCheck>(
        `${offersPath(workspaceId)}/validate/${encodeURIComponent(code)}${toQueryString({ cartValue })}`,
        { signal },
      ),
    enabled: code !== '' && cartValue !== undefined,
    placeholderData: keepPreviousData,
  });
}

/** Offers change prices: previews and code checks are recomputed. */
function useInvalidateOffers(workspaceId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: offerKeys.lists(workspaceId) }),
      queryClient.invalidateQueries({ queryKey: ['offers', workspaceId, 'validate'] }),
      queryClient.invalidateQueries({ queryKey: pricingKeys.workspace(workspaceId) }),
    ]);
}

export function useCreateOffer(workspaceId: string) {
  const invalidate = useInvalidateOffers(workspaceId);
  return useMutation({
    mutationFn: (offer: OfferInput) => apiFetch<Offer>(offersPath(workspaceId), { method: 'POST', body: offer }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateOffer(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateOffers(workspaceId);
  return useMutation({
    mutationFn: (changes: Partial<OfferInput>) =>
      apiFetch<Offer>(offerPath(workspaceId, id), { method: 'PATCH', body: changes }),
    onSuccess: (offer) => {
      queryClient.setQueryData(offerKeys.detail(workspaceId, id), offer);
      return invalidate();
    },
  });
}

export function useDeleteOffer(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateOffers(workspaceId);
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(offerPath(workspaceId, id), { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: offerKeys.detail(workspaceId, id) });
      return invalidate();
    },
  });
}
