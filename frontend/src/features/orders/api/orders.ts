import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { toQueryString, type ListPage } from '@/lib/list';
import { workspacePath } from '@/features/workspaces/api/workspaces';

/** `expired`: the payment link ran out before the order was paid. */
export type OrderStatus =
  | 'pending_payment'
  | 'paid'
  | 'processing'
  | 'shipped'
  | 'delivered'
  | 'cancelled'
  | 'refunded'
  | 'expired';

export const ORDER_STATUSES: readonly OrderStatus[] = [
  'pending_payment',
  'paid',
  'processing',
  'shipped',
  'delivered',
  'cancelled',
  'refunded',
  'expired',
];

export function isOrderStatus(value: unknown): value is OrderStatus {
  return ORDER_STATUSES.includes(value as OrderStatus);
}

export type PaymentStatus = 'unpaid' | 'paid' | 'refunded' | 'failed';

/** Who moved an order: a team member (`operator`), the customer, the AI agent, ShopMe itself or the payment gateway. */
export type OrderActorKind = 'customer' | 'operator' | 'agent' | 'system' | 'gateway';

/** An order in lists. Amounts are in minor units of `currency`. */
export type OrderSummary = {
  id: string;
  /** `ORD-2026-000001`. */
  code: string;
  customer: { id: string; name: string };
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  total: number;
  currency: string;
  createdAt: string;
};

/** Free-form on the server; the dashboard shows these four fields. Empty (`{}`) when unknown. */
export type OrderAddress = {
  line1?: string;
  city?: string;
  postalCode?: string;
  country?: string;
  [field: string]: unknown;
};

export type OrderLine = {
  lineNo: number;
  productId: string | null;
  sku: string;
  name: string;
  unitPrice: number;
  quantity: number;
  discount: number;
  total: number;
  /** Percent, e.g. 22. */
  taxRate: number;
  tax: number;
  offerId: string | null;
};

export type OrderEvent = {
  /** Null for the order's creation. */
  from: OrderStatus | null;
  to: OrderStatus;
  actorKind: OrderActorKind;
  actorId: string | null;
  /** The team member's name; '' for other actors. */
  actorName: string;
  note: string;
  at: string;
};

export type Order = OrderSummary & {
  subtotal: number;
  discount: number;
  /** Included in the prices. */
  tax: number;
  shipping: number;
  promoCode: string | null;
  shippingAddress: OrderAddress;
  billingAddress: OrderAddress;
  notes: string;
  trackingNumber: string | null;
  trackingUrl: string | null;
  conversationId: string | null;
  paymentExpiresAt: string | null;
  /** Set once an invoice is issued; its PDF is at `…/orders/{id}/invoice.pdf`. */
  invoiceNumber?: string | null;
  lines: OrderLine[];
  events: OrderEvent[];
};

/** An order taken by phone or in person; the server prices it from the catalog and the offers. */
export type NewOrder = {
  customerId: string;
  lines: { productId: string; quantity: number }[];
  promoCode?: string;
  notes?: string;
  /** Sends the customer the payment link on WhatsApp. */
  sendPaymentLink: boolean;
};

/** The created order, with the link where the customer pays it and whether it went out on WhatsApp. */
export type CreatedOrder = Order & { paymentLink: string | null; paymentLinkSent?: boolean };

/** `notifyCustomer`: a WhatsApp text tells the customer the order is refunded. */
export type RefundInput = { reason: string; notifyCustomer?: boolean };

/** The statuses a person can move an order to; a refund goes through the payment provider (`useRefundOrder`). */
export type TargetStatus = 'paid' | 'processing' | 'shipped' | 'delivered' | 'cancelled';

/** The domain's transitions, in the order the actions are offered. */
export const NEXT_STATUSES: Readonly<Record<OrderStatus, readonly TargetStatus[]>> = {
  pending_payment: ['paid', 'cancelled'],
  paid: ['processing', 'shipped', 'cancelled'],
  processing: ['shipped', 'cancelled'],
  shipped: ['delivered'],
  delivered: [],
  cancelled: [],
  refunded: [],
  expired: [],
};

/** Marking paid and cancelling change money: they need `orders.manage`; moving an order along needs `orders.process`. */
export function transitionPermission(to: TargetStatus): 'orders.manage' | 'orders.process' {
  return to === 'paid' || to === 'cancelled' ? 'orders.manage' : 'orders.process';
}

export type StatusChange = { status: TargetStatus; note: string; notifyCustomer: boolean };

export type TrackingInput = { trackingNumber: string; trackingUrl: string; notifyCustomer: boolean };

export type OrderFilters = {
  /** Code or customer name. */
  search?: string;
  status?: OrderStatus;
  customerId?: string;
  /** `YYYY-MM-DD`, days in the workspace's time zone, both included. */
  from?: string;
  to?: string;
  page: number;
  limit: number;
};

export const orderKeys = {
  all: ['orders'] as const,
  workspace: (workspaceId: string) => ['orders', workspaceId] as const,
  lists: (workspaceId: string) => ['orders', workspaceId, 'list'] as const,
  list: (workspaceId: string, filters: OrderFilters) => ['orders', workspaceId, 'list', filters] as const,
  ofCustomer: (workspaceId: string, customerId: string) => ['orders', workspaceId, 'list', 'customer', customerId] as const,
  detail: (workspaceId: string, id: string) => ['orders', workspaceId, 'detail', id] as const,
};

function ordersPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/orders`;
}

export function orderPath(workspaceId: string, id: string): string {
  return `${ordersPath(workspaceId)}/${encodeURIComponent(id)}`;
}

/** The query string of `GET …/orders` for these filters (empty filters are left out). */
export function ordersQuery(filters: OrderFilters): string {
  return toQueryString({
    search: filters.search?.trim(),
    status: filters.status,
    customerId: filters.customerId,
    from: filters.from,
    to: filters.to,
    page: filters.page,
    limit: filters.limit,
  });
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** A `YYYY-MM-DD` day as date inputs write it; undefined for anything else. */
export function dayOrUndefined(value: string | null | undefined): string | undefined {
  return value && DAY.test(value) ? value : undefined;
}

export function useOrders(workspaceId: string, filters: OrderFilters) {
  return useQuery({
    queryKey: orderKeys.list(workspaceId, filters),
    queryFn: ({ signal }) => apiFetch<ListPage<OrderSummary>>(`${ordersPath(workspaceId)}${ordersQuery(filters)}`, { signal }),
    placeholderData: keepPreviousData,
  });
}

export function useOrder(workspaceId: string, id: string) {
  return useQuery({
    queryKey: orderKeys.detail(workspaceId, id),
    queryFn: ({ signal }) => apiFetch<Order>(orderPath(workspaceId, id), { signal }),
  });
}

/** A customer's orders, newest first. */
export function useCustomerOrders(workspaceId: string, customerId: string) {
  return useQuery({
    queryKey: orderKeys.ofCustomer(workspaceId, customerId),
    queryFn: ({ signal }) =>
      apiFetch<{ items: OrderSummary[]; total: number }>(
        `${workspacePath(workspaceId)}/customers/${encodeURIComponent(customerId)}/orders`,
        { signal },
      ),
  });
}

/** Keeps the answered order and refreshes the lists it appears in. */
function useOrderSaved(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  return (order: Order) => {
    queryClient.setQueryData(orderKeys.detail(workspaceId, id), order);
    return queryClient.invalidateQueries({ queryKey: orderKeys.lists(workspaceId) });
  };
}

export function useChangeOrderStatus(workspaceId: string, id: string) {
  const saved = useOrderSaved(workspaceId, id);
  return useMutation({
    mutationFn: (change: StatusChange) =>
      apiFetch<Order>(`${orderPath(workspaceId, id)}/status`, { method: 'POST', body: change }),
    onSuccess: saved,
  });
}

export function useSetTracking(workspaceId: string, id: string) {
  const saved = useOrderSaved(workspaceId, id);
  return useMutation({
    mutationFn: (tracking: TrackingInput) =>
      apiFetch<Order>(`${orderPath(workspaceId, id)}/tracking`, { method: 'POST', body: tracking }),
    onSuccess: saved,
  });
}

export function useCreateOrder(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (order: NewOrder) => apiFetch<CreatedOrder>(ordersPath(workspaceId), { method: 'POST', body: order }),
    onSuccess: (order) => {
      queryClient.setQueryData(orderKeys.detail(workspaceId, order.id), order);
      return queryClient.invalidateQueries({ queryKey: orderKeys.lists(workspaceId) });
    },
  });
}

/** Gives the whole payment back through the payment provider; answers the refunded order. */
export function useRefundOrder(workspaceId: string, id: string) {
  const saved = useOrderSaved(workspaceId, id);
  return useMutation({
    mutationFn: (refund: RefundInput) => apiFetch<Order>(`${orderPath(workspaceId, id)}/refund`, { method: 'POST', body: refund }),
    onSuccess: saved,
  });
}

/** The invoice's PDF, same origin (the session cookie goes along). */
export function invoicePdfPath(workspaceId: string, id: string): string {
  return `${orderPath(workspaceId, id)}/invoice.pdf`;
}
