import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError, problemCode } from '@/lib/api';
import type { Language } from '@/i18n/languages';
import type { OrderStatus, PaymentStatus } from '@/features/orders/api/orders';

/**
 * The public link pages a customer opens from WhatsApp (`/s/:token`). No session: the token is
 * the credential, so a 401 is never a reason to refresh a session or go to the login page.
 * Money is in minor units of the order's currency.
 */

export type ShippingAddress = {
  line1: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
};

export type PublicOrderLine = {
  name: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  discount: number;
  total: number;
};

/** The order a payment or order link was issued for. */
export type PublicOrder = {
  code: string;
  status: OrderStatus;
  paymentStatus: PaymentStatus;
  currency: string;
  subtotal: number;
  discount: number;
  /** Contained in `total`. */
  tax: number;
  shipping: number;
  total: number;
  paymentExpiresAt: string | null;
  lines: PublicOrderLine[];
};

export type PublicOrderEvent = { toStatus: OrderStatus; at: string };

/** What an order link adds to the order: its history, shipment and invoice. */
export type OrderProgress = {
  /** Oldest first. */
  events: PublicOrderEvent[];
  trackingNumber: string | null;
  trackingUrl: string | null;
  shippingAddress: ShippingAddress | null;
  invoice: { available: boolean; number?: string };
};

export type PaymentProvider = 'test' | 'stripe';

/** The parties of an invoice; an address is the printed text, or its fields. */
export type InvoiceParty = {
  name: string;
  address: string | ShippingAddress | null;
  vatNumber?: string | null;
};

export type PublicInvoiceLine = {
  name: string;
  sku: string;
  quantity: number;
  unitPrice: number;
  discount: number;
  /** A percentage, as every tax rate of the API: 22, 4.5. */
  taxRate: number;
  total: number;
};

export type PublicInvoice = {
  number: string;
  issuedAt: string;
  orderCode: string;
  currency: string;
  seller: InvoiceParty;
  buyer: InvoiceParty;
  lines: PublicInvoiceLine[];
  subtotal: number;
  discount: number;
  tax: number;
  shipping: number;
  total: number;
};

export type GdprConsent = { given: boolean; at: string | null; version: string | null };

export type PublicCustomer = {
  name: string;
  /** Empty (or null) when unknown. */
  email: string | null;
  phone: string | null;
  language: string;
  shippingAddress: ShippingAddress | null;
  /** null (or absent from older answers): invoices go to the shipping address. */
  billingAddress?: ShippingAddress | null;
  pushOptIn: boolean;
  gdprConsent: GdprConsent;
};

export type PrivacyNoticeText = { text: string; version: string };

type LinkBase = {
  expiresAt: string;
  workspace: { name: string; defaultLanguage: string };
};

export type RegistrationLink = LinkBase & {
  type: 'registration';
  /** Who the link was sent to. */
  customer?: { name: string; language: string };
  /** The workspace's privacy notice the consent refers to. */
  privacy?: PrivacyNoticeText;
};

export type PaymentLink = LinkBase & {
  type: 'payment';
  order: PublicOrder;
  payment: { provider: PaymentProvider };
};

/** The order's history, shipment and invoice come with the order (or next to it). */
export type OrderLink = LinkBase & Partial<OrderProgress> & { type: 'order'; order: PublicOrder & Partial<OrderProgress> };

export type InvoiceLink = LinkBase & { type: 'invoice'; invoice: PublicInvoice };

export type ProfileLink = LinkBase & { type: 'profile'; customer: PublicCustomer; privacy: PrivacyNoticeText };

/** What a link opens; a type this page does not know yet shows a neutral message. */
export type PublicLink = RegistrationLink | PaymentLink | OrderLink | InvoiceLink | ProfileLink;

export type Registration = {
  name: string;
  email: string;
  language: string;
  gdprConsent: boolean;
  pushOptIn: boolean;
  shippingAddress: ShippingAddress;
};

export type RegistrationResult = { status: 'registered' };

export type ProfileChanges = {
  name: string;
  email: string;
  language: Language;
  pushOptIn: boolean;
  shippingAddress: ShippingAddress;
  /** null: invoices go to the shipping address. */
  billingAddress: ShippingAddress | null;
  /** Only when changed: true accepts the current privacy notice, false withdraws the consent. */
  gdprConsent?: boolean;
};

export const publicLinkKeys = {
  all: ['public-links'] as const,
  detail: (token: string) => ['public-links', token] as const,
};

export function linkPath(token: string): string {
  return `/api/public/links/${encodeURIComponent(token)}`;
}

/** The customer's language as the link knows it, if it does. */
export function linkLanguage(link: PublicLink): string | undefined {
  return link.type === 'registration' || link.type === 'profile' ? link.customer?.language : undefined;
}

/** An order link's history, shipment and invoice, wherever the server put them. */
export function orderProgress(link: OrderLink): OrderProgress {
  const { order } = link;
  return {
    events: order.events ?? link.events ?? [],
    trackingNumber: order.trackingNumber ?? link.trackingNumber ?? null,
    trackingUrl: order.trackingUrl ?? link.trackingUrl ?? null,
    shippingAddress: order.shippingAddress ?? link.shippingAddress ?? null,
    invoice: order.invoice ?? link.invoice ?? { available: false },
  };
}

export function fetchPublicLink(token: string, signal?: AbortSignal): Promise<PublicLink> {
  return apiFetch<PublicLink>(linkPath(token), { signal, onUnauthorized: 'none' });
}

/** `refetchInterval`: how often to ask again while waiting for a change (a payment's confirmation). */
export function usePublicLink(token: string, { refetchInterval = false }: { refetchInterval?: number | false } = {}) {
  return useQuery({
    queryKey: publicLinkKeys.detail(token),
    queryFn: ({ signal }) => fetchPublicLink(token, signal),
    retry: false,
    // The page is filled in once: refetching would only risk replacing it with "already used".
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    refetchInterval,
  });
}

function publicPost<T>(token: string, action: string, body: unknown = {}) {
  return apiFetch<T>(`${linkPath(token)}/${action}`, { method: 'POST', body, onUnauthorized: 'none' });
}

export function useSubmitRegistration(token: string) {
  return useMutation({
    mutationFn: (registration: Registration) => publicPost<RegistrationResult>(token, 'registration', registration),
  });
}

/** Starts paying: the answer is the payment page to go to. */
export function useCheckout(token: string) {
  return useMutation({ mutationFn: () => publicPost<{ redirectUrl: string }>(token, 'checkout') });
}

export function useUpdateProfile(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: ProfileChanges) => publicPost<{ customer: PublicCustomer }>(token, 'profile', changes),
    onSuccess: ({ customer }) =>
      queryClient.setQueryData<PublicLink>(publicLinkKeys.detail(token), (link) =>
        link?.type === 'profile' ? { ...link, customer } : link,
      ),
  });
}

/** Everything the shop keeps about the customer, as JSON. */
export function useExportData(token: string) {
  return useMutation({ mutationFn: () => publicPost<unknown>(token, 'export') });
}

export function useEraseData(token: string) {
  return useMutation({ mutationFn: () => publicPost<{ erased: boolean }>(token, 'erasure', { confirm: true }) });
}

/** Why a link cannot be used any more, from the server's 404 / 410 problem. */
export type UnavailableReason = 'expired' | 'used' | 'unknown';

export function unavailableReason(error: unknown): UnavailableReason | undefined {
  if (!isApiError(error)) return undefined;
  if (error.status === 404) return 'unknown';
  if (error.status !== 410) return undefined;
  return problemCode(error) === 'link-used' ? 'used' : 'expired';
}
