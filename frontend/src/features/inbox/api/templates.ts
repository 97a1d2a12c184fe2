import { useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { workspacePath } from '@/features/workspaces/api/workspaces';
import { inboxKeys } from './keys';

/** A message template approved by Meta and configured by an Admin in the WhatsApp settings. */
export type MessageTemplate = {
  name: string;
  language: string;
  /** `{{1}}`, `{{2}}`… stand for the parameters. */
  body: string;
  parameterCount: number;
};

export function templatesPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/channels/whatsapp/templates`;
}

/** The configured templates, readable by every role (unlike the channel settings, which are Admin-only). */
export function useMessageTemplates(workspaceId: string) {
  return useQuery({
    queryKey: inboxKeys.templates(workspaceId),
    queryFn: ({ signal }) =>
      apiFetch<{ items: MessageTemplate[]; total: number }>(templatesPath(workspaceId), { signal }),
    staleTime: 5 * 60_000,
  });
}
