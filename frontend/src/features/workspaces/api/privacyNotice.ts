import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { workspacePath } from './workspaces';

/** The text customers accept on the registration and profile pages. */
export type PrivacyNotice = {
  text: string;
  /** `v1`, `v2`…: a customer's consent records the version they accepted. */
  version: string;
  /** Null until the notice is first saved. */
  updatedAt: string | null;
};

export const PRIVACY_NOTICE_MAX_LENGTH = 20_000;

export const privacyNoticeKeys = {
  detail: (workspaceId: string) => ['privacy-notice', workspaceId] as const,
};

function privacyNoticePath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/privacy-notice`;
}

/** Admins only. */
export function usePrivacyNotice(workspaceId: string) {
  return useQuery({
    queryKey: privacyNoticeKeys.detail(workspaceId),
    queryFn: ({ signal }) => apiFetch<PrivacyNotice>(privacyNoticePath(workspaceId), { signal }),
  });
}

/** The server makes a new version only when the text changed. */
export function useUpdatePrivacyNotice(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      apiFetch<PrivacyNotice>(privacyNoticePath(workspaceId), { method: 'PUT', body: { text } }),
    onSuccess: (saved) => queryClient.setQueryData(privacyNoticeKeys.detail(workspaceId), saved),
  });
}
