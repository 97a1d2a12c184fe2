import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { workspacePath } from '@/features/workspaces/api/workspaces';

export type PromoCodeReason =
  | 'unknown'
  | 'inactive'
  | 'expired'
  | 'not_started'
  | 'min_purchase'
  | 'used_up'
  | 'not_applicable';

export type PricePreviewRequest = {
  lines: Array<{ productId: string; quantity: number }>;
  promoCode?: string;
};

/** Amounts in minor units. */
export type PricedLine = {
  productId: string;
  quantity: number;
  unitPrice: number;
  subtotal: number;
  discount: number;
  total: number;
  tax: number;
  offerId: string | null;
};

export type PricePreview = {
  lines: PricedLine[];
  subtotal: number;
  automaticDiscount: number;
  codeDiscount: number;
  total: number;
  tax: number;
  promoCode: null | { code: string; applied: boolean; reason: PromoCodeReason | null };
};

export const pricingKeys = {
  all: ['pricing'] as const,
  workspace: (workspaceId: string) => ['pricing', workspaceId] as const,
  preview: (workspaceId: string, request: PricePreviewRequest) => ['pricing', workspaceId, 'preview', request] as const,
};

/**
 * What a cart would cost with the workspace's saved offers (and `promoCode`): the server's own
 * price calculation, without placing an order. Asks nothing for an empty cart.
 */
export function usePricePreview(workspaceId: string, request: PricePreviewRequest) {
  return useQuery({
    queryKey: pricingKeys.preview(workspaceId, request),
    queryFn: ({ signal }) =>
      apiFetch<PricePreview>(`${workspacePath(workspaceId)}/pricing/preview`, { method: 'POST', body: request, signal }),
    enabled: request.lines.length > 0,
    placeholderData: keepPreviousData,
  });
}
