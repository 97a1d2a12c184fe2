import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';

/**
 * The payment page of the built-in test provider, which stands in for a real payment gateway: the
 * customer (or the shop trying its checkout) chooses whether the payment goes through. No login.
 */

export type TestSessionStatus = 'open' | 'paid' | 'declined' | 'expired';

export type TestSession = {
  shopName: string;
  orderCode: string;
  /** Minor units of `currency`. */
  amount: number;
  currency: string;
  status: TestSessionStatus;
  expiresAt: string;
};

export const testGatewayKeys = {
  session: (sessionId: string) => ['test-gateway', sessionId] as const,
};

function sessionPath(sessionId: string): string {
  return `/api/public/test-gateway/${encodeURIComponent(sessionId)}`;
}

export function useTestSession(sessionId: string) {
  return useQuery({
    queryKey: testGatewayKeys.session(sessionId),
    queryFn: ({ signal }) => apiFetch<TestSession>(sessionPath(sessionId), { signal, onUnauthorized: 'none' }),
    retry: false,
    refetchOnWindowFocus: false,
  });
}

/** Pays or declines: the answer is the shop's page to go back to. A refusal refreshes the session. */
export function useFinishTestSession(sessionId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: 'pay' | 'decline') =>
      apiFetch<{ redirectUrl: string }>(`${sessionPath(sessionId)}/${action}`, { method: 'POST', onUnauthorized: 'none' }),
    onError: () => queryClient.invalidateQueries({ queryKey: testGatewayKeys.session(sessionId) }),
  });
}
