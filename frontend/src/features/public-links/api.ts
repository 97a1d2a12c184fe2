import { useMutation, useQuery } from '@tanstack/react-query';
import { apiFetch, isApiError } from '@/lib/api';

/**
 * The public link pages a customer opens from WhatsApp (`/s/:token`). No session: the token is
 * the credential, so a 401 is never a reason to refresh a session or go to the login page.
 */

/** Only `registration` exists today; payment, order, invoice and profile links come later. */
export type PublicLinkType = 'registration' | (string & {});

export type PublicLink = {
  type: PublicLinkType;
  expiresAt: string;
  workspace: { name: string; defaultLanguage: string };
  /** Registration links: who the link was sent to. */
  customer?: { name: string; language: string };
  /** Registration links: the workspace's privacy notice the consent refers to. */
  privacy?: { text: string; version: string };
};

export type ShippingAddress = {
  line1: string;
  city: string;
  postalCode: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
};

export type Registration = {
  name: string;
  email: string;
  language: string;
  gdprConsent: boolean;
  pushOptIn: boolean;
  shippingAddress: ShippingAddress;
};

export type RegistrationResult = { status: 'registered' };

export const publicLinkKeys = {
  all: ['public-links'] as const,
  detail: (token: string) => ['public-links', token] as const,
};

function linkPath(token: string): string {
  return `/api/public/links/${encodeURIComponent(token)}`;
}

export function fetchPublicLink(token: string, signal?: AbortSignal): Promise<PublicLink> {
  return apiFetch<PublicLink>(linkPath(token), { signal, onUnauthorized: 'none' });
}

export function usePublicLink(token: string) {
  return useQuery({
    queryKey: publicLinkKeys.detail(token),
    queryFn: ({ signal }) => fetchPublicLink(token, signal),
    retry: false,
    // The page is filled in once: refetching would only risk replacing it with "already used".
    staleTime: Infinity,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
  });
}

export function useSubmitRegistration(token: string) {
  return useMutation({
    mutationFn: (registration: Registration) =>
      apiFetch<RegistrationResult>(`${linkPath(token)}/registration`, {
        method: 'POST',
        body: registration,
        onUnauthorized: 'none',
      }),
  });
}

/** Why a link cannot be used any more, from the server's 404 / 410 problem. */
export type UnavailableReason = 'expired' | 'used' | 'unknown';

export function unavailableReason(error: unknown): UnavailableReason | undefined {
  if (!isApiError(error)) return undefined;
  if (error.status === 404) return 'unknown';
  if (error.status !== 410) return undefined;
  return error.problem.type.endsWith('/link-used') ? 'used' : 'expired';
}
