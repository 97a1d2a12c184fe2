import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { workspacePath } from '@/features/workspaces/api/workspaces';

/** `test`: ShopMe's own test payment page, no real money; `stripe`: Stripe Checkout. */
export type PaymentProviderName = 'test' | 'stripe';

export type PaymentSettings = {
  provider: PaymentProviderName;
  /** The secrets themselves are write-only: the API only says whether each one is stored. */
  secretKeySet: boolean;
  webhookSecretSet: boolean;
  /** Stripe's API address. */
  apiBaseUrl: string;
  /** Pasted into Stripe's dashboard as the webhook endpoint. */
  webhookUrl: string;
};

/** An omitted secret keeps the stored one. */
export type PaymentSettingsInput = {
  provider: PaymentProviderName;
  secretKey?: string;
  webhookSecret?: string;
  apiBaseUrl?: string;
};

/** The Stripe events the webhook endpoint must send for payments and refunds to be followed. */
export const STRIPE_WEBHOOK_EVENTS = [
  'checkout.session.completed',
  'checkout.session.expired',
  'checkout.session.async_payment_succeeded',
  'checkout.session.async_payment_failed',
  'payment_intent.payment_failed',
  'charge.refunded',
] as const;

export const paymentKeys = {
  settings: (workspaceId: string) => ['payments', workspaceId] as const,
};

function paymentsPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/payments`;
}

/** Admins only. */
export function usePaymentSettings(workspaceId: string) {
  return useQuery({
    queryKey: paymentKeys.settings(workspaceId),
    queryFn: ({ signal }) => apiFetch<PaymentSettings>(paymentsPath(workspaceId), { signal }),
  });
}

export function useUpdatePaymentSettings(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PaymentSettingsInput) =>
      apiFetch<PaymentSettings>(paymentsPath(workspaceId), { method: 'PUT', body: input }),
    onSuccess: (saved) => queryClient.setQueryData(paymentKeys.settings(workspaceId), saved),
  });
}
