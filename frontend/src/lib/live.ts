import { useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { customerKeys } from '@/features/customers/api/customers';
import { inboxKeys } from '@/features/inbox/api/keys';
import { orderKeys } from '@/features/orders/api/orders';

/**
 * Live updates of a workspace over `GET /ws?workspaceId=…` (a WebSocket, authenticated by the
 * session cookie). Frames carry ids only: each one marks the queries showing that data as stale,
 * and TanStack Query refetches the ones on screen.
 */

export type LiveEvent =
  | { type: 'ready'; workspaceId: string }
  | { type: 'message.created' | 'message.updated'; workspaceId: string; conversationId: string; messageId: string }
  | { type: 'conversation.updated' | 'note.created'; workspaceId: string; conversationId: string }
  | { type: 'customer.blocked'; workspaceId: string; conversationId: string; customerId: string }
  /** An order was paid, refunded or its payment failed; `status` is its new status, when it changed. */
  | { type: 'order.updated'; workspaceId: string; conversationId: string | null; orderId: string; status?: string };

/** `connecting` until the first connection is up; `reconnecting` while a lost one is being restored. */
export type LiveStatus = 'connecting' | 'open' | 'reconnecting';

const FIRST_DELAY_MS = 1_000;
const MAX_DELAY_MS = 30_000;

/** Same origin as the page, `wss:` when the page is served over HTTPS. */
export function liveUrl(workspaceId: string, location: Pick<Location, 'protocol' | 'host'> = window.location): string {
  const protocol = location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${protocol}//${location.host}/ws?workspaceId=${encodeURIComponent(workspaceId)}`;
}

/**
 * Exponential backoff from 1 s up to 30 s, each delay shortened by up to a fifth at random so that
 * the dashboards of a whole team do not all reconnect in the same instant after a server restart.
 */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const delay = Math.min(MAX_DELAY_MS, FIRST_DELAY_MS * 2 ** Math.max(0, attempt));
  return Math.round(delay * (1 - random() * 0.2));
}

export function parseLiveEvent(data: unknown): LiveEvent | undefined {
  if (typeof data !== 'string') return undefined;
  try {
    const value = JSON.parse(data) as unknown;
    if (typeof value !== 'object' || value === null) return undefined;
    const event = value as Record<string, unknown>;
    return typeof event.type === 'string' ? (event as LiveEvent) : undefined;
  } catch {
    return undefined;
  }
}

/** The queries that show what `event` says has changed. */
export function keysToRefresh(workspaceId: string, event: LiveEvent): QueryKey[] {
  switch (event.type) {
    case 'message.created':
      // A new message also moves the conversation up the list, changes its preview, unread count and window.
      return [
        inboxKeys.lists(workspaceId),
        inboxKeys.detail(workspaceId, event.conversationId),
        inboxKeys.messages(workspaceId, event.conversationId),
      ];
    case 'message.updated':
      return [inboxKeys.messages(workspaceId, event.conversationId)];
    case 'conversation.updated':
      return [inboxKeys.lists(workspaceId), inboxKeys.detail(workspaceId, event.conversationId)];
    case 'note.created':
      return [inboxKeys.notes(workspaceId, event.conversationId)];
    case 'customer.blocked':
      return [
        inboxKeys.lists(workspaceId),
        inboxKeys.detail(workspaceId, event.conversationId),
        customerKeys.detail(workspaceId, event.customerId),
      ];
    case 'order.updated':
      // Every list it appears in (all orders, a customer's orders) and its own page.
      return [orderKeys.lists(workspaceId), orderKeys.detail(workspaceId, event.orderId)];
    default:
      return [];
  }
}

/**
 * Keeps a WebSocket open to the workspace while the calling page is shown and refreshes the
 * queries its frames name. A lost connection is restored with backoff; once it is back, all the
 * inbox and order data is refetched, since frames sent in the meantime are lost.
 */
export function useLiveUpdates(workspaceId: string): LiveStatus {
  const queryClient = useQueryClient();
  const [state, setState] = useState<{ workspaceId: string; status: LiveStatus }>({
    workspaceId,
    status: 'connecting',
  });

  useEffect(() => {
    if (!workspaceId) return undefined;
    let socket: WebSocket | undefined;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let attempt = 0;
    let everConnected = false;
    let stopped = false;

    function connect() {
      socket = new WebSocket(liveUrl(workspaceId));
      socket.onmessage = (frame: MessageEvent) => {
        const event = parseLiveEvent(frame.data);
        if (!event || (event.workspaceId && event.workspaceId !== workspaceId)) return;
        // `ready`, not the socket's opening, says that the server has checked the membership and
        // now forwards the workspace's events: only from then on is nothing missed.
        if (event.type === 'ready') {
          if (everConnected) {
            void queryClient.invalidateQueries({ queryKey: inboxKeys.workspace(workspaceId) });
            void queryClient.invalidateQueries({ queryKey: orderKeys.workspace(workspaceId) });
          }
          everConnected = true;
          attempt = 0;
          setState({ workspaceId, status: 'open' });
          return;
        }
        for (const queryKey of keysToRefresh(workspaceId, event)) void queryClient.invalidateQueries({ queryKey });
      };
      socket.onclose = () => {
        if (stopped) return;
        setState({ workspaceId, status: everConnected ? 'reconnecting' : 'connecting' });
        timer = setTimeout(connect, reconnectDelay(attempt));
        attempt += 1;
      };
    }

    connect();
    return () => {
      stopped = true;
      clearTimeout(timer);
      socket?.close();
    };
  }, [workspaceId, queryClient]);

  return state.workspaceId === workspaceId ? state.status : 'connecting';
}
