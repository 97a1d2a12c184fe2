import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { workspacePath } from '@/features/workspaces/api/workspaces';
import { fetchConversations, inboxKeys, type InteractiveReply } from '@/features/inbox/api/conversations';

/** What the simulated customer sends: text, or a tap on a reply button or list row. */
export type SimulatedMessage = { name: string; phone: string } & ({ text: string } | { reply: InteractiveReply });

export type SimulatedDelivery = { conversationId: string; messageId: string };

function simulatorPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/simulator`;
}

/**
 * The sandbox conversation of a simulated phone number, if it has written before: the chat then
 * continues where it stopped.
 */
export function useSimulatorConversation(workspaceId: string, phone: string) {
  const query = { filter: 'all', search: phone, sandbox: true, page: 1, limit: 20 } as const;
  return useQuery({
    queryKey: inboxKeys.list(workspaceId, query),
    queryFn: ({ signal }) => fetchConversations(workspaceId, query, signal),
    enabled: phone !== '',
    select: (page) => page.items.find((conversation) => conversation.sandbox && conversation.customer.phone === phone),
  });
}

/** Goes through the same pipeline as a message from WhatsApp's webhook. */
export function useSendSimulatedMessage(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: SimulatedMessage) =>
      apiFetch<SimulatedDelivery>(`${simulatorPath(workspaceId)}/messages`, { method: 'POST', body: message }),
    // Not awaited: the chat needs the conversation id at once, not after the refetches.
    onSuccess: ({ conversationId }) => {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.messages(workspaceId, conversationId) });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists(workspaceId) });
    },
  });
}

/** The simulated phone has shown the workspace's replies: they become `read`. */
export function useMarkSimulatorRead(workspaceId: string) {
  return useMutation({
    mutationFn: (conversationId: string) =>
      apiFetch<void>(`${simulatorPath(workspaceId)}/conversations/${encodeURIComponent(conversationId)}/read`, {
        method: 'POST',
      }),
  });
}
