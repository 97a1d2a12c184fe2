import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch, isApiError } from '@/lib/api';
import { toQueryString, type ListPage } from '@/lib/list';
import { workspacePath } from '@/features/workspaces/api/workspaces';
import { inboxKeys } from './keys';

export { inboxKeys };

export const CONVERSATION_FILTERS = ['open', 'mine', 'unassigned', 'bot', 'human', 'resolved', 'all'] as const;

export type ConversationFilter = (typeof CONVERSATION_FILTERS)[number];

export type ConversationStatus = 'open' | 'resolved';

/** Who answers the customer: the assistant (`bot`) or the team (`human`, after a take-over). */
export type ConversationMode = 'bot' | 'human';

export type ConversationCustomer = {
  id: string;
  name: string;
  phone: string;
  blocked: boolean;
};

export type Conversation = {
  id: string;
  customer: ConversationCustomer;
  status: ConversationStatus;
  mode: ConversationMode;
  assigneeId: string | null;
  unreadCount: number;
  lastMessageAt: string | null;
  lastMessagePreview: string;
  /** Started from the simulator ("Test chat"): replies never reach WhatsApp. */
  sandbox: boolean;
  /** WhatsApp's 24-hour customer-service window: outside it only templates may be sent. */
  windowOpen: boolean;
  windowExpiresAt: string | null;
};

export type MessageDirection = 'inbound' | 'outbound';

export type MessageStatus = 'received' | 'queued' | 'accepted' | 'sent' | 'delivered' | 'read' | 'failed';

export type MessageAuthorKind = 'customer' | 'operator' | 'system' | 'agent';

export type MessageError = {
  code: number;
  title: string;
  detail?: string;
};

export type MessageMedia = {
  id: string;
  mimeType?: string;
  caption?: string;
  filename?: string;
};

export type InteractiveButton = { id: string; title: string };

export type InteractiveListRow = { id: string; title: string; description?: string };

export type InteractiveListSection = { title?: string; rows: InteractiveListRow[] };

/** What a customer may tap: reply buttons or a list. */
export type OutboundInteractive =
  | { type: 'button'; body: string; buttons: InteractiveButton[] }
  | { type: 'list'; body: string; button: string; sections: InteractiveListSection[] };

/** What a customer tapped. */
export type InteractiveReply = { type: 'button_reply' | 'list_reply'; id: string; title: string };

export type Message = {
  id: string;
  direction: MessageDirection;
  /** WhatsApp's message types; new ones may appear, so any string. */
  type: string;
  text: string;
  status: MessageStatus;
  providerMessageId: string | null;
  error: MessageError | null;
  authorId: string | null;
  authorKind: MessageAuthorKind;
  media: MessageMedia | null;
  interactive: OutboundInteractive | InteractiveReply | null;
  replyTo: string | null;
  createdAt: string;
};

export type Note = {
  id: string;
  authorId: string;
  authorName: string;
  text: string;
  createdAt: string;
};

export type TemplateMessage = {
  name: string;
  language: string;
  parameters: string[];
};

export type OutgoingMessage = { text: string } | { template: TemplateMessage } | { interactive: OutboundInteractive };

export type ConversationQuery = {
  filter: ConversationFilter;
  search?: string;
  sandbox?: boolean;
  page: number;
  limit: number;
};

export const MESSAGES_PAGE_SIZE = 50;

/**
 * Live updates come over the WebSocket; this slow refetch only covers a connection that is down
 * without anyone noticing yet.
 */
export const FALLBACK_REFETCH_MS = 30_000;

export function isConversationFilter(value: string): value is ConversationFilter {
  return (CONVERSATION_FILTERS as readonly string[]).includes(value);
}

export function conversationsPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/conversations`;
}

export function conversationPath(workspaceId: string, id: string): string {
  return `${conversationsPath(workspaceId)}/${encodeURIComponent(id)}`;
}

/** Types whose `media` a customer sent: the server fetches the bytes from WhatsApp on first open. */
export const MEDIA_TYPES = ['image', 'sticker', 'audio', 'video', 'document'] as const;

export type MediaType = (typeof MEDIA_TYPES)[number];

export function mediaType(message: Pick<Message, 'type' | 'media'>): MediaType | undefined {
  if (!message.media) return undefined;
  return MEDIA_TYPES.find((type) => type === message.type);
}

/**
 * The bytes of a message's media, same origin (the session cookie goes along): images, audio and
 * video inline, anything else as a download. Each first open costs the server a WhatsApp API call.
 */
export function messageMediaPath(workspaceId: string, conversationId: string, messageId: string): string {
  return `${conversationPath(workspaceId, conversationId)}/messages/${encodeURIComponent(messageId)}/media`;
}

/** A text sent outside the 24-hour window: the server accepts only a template then. */
export function isOutsideWindow(error: unknown): boolean {
  return isApiError(error) && error.status === 422 && error.problem.type.endsWith('/outside-window');
}

export function fetchConversations(workspaceId: string, query: ConversationQuery, signal?: AbortSignal) {
  const search = toQueryString({
    filter: query.filter,
    search: query.search?.trim(),
    sandbox: query.sandbox,
    page: query.page,
    limit: query.limit,
  });
  return apiFetch<ListPage<Conversation>>(`${conversationsPath(workspaceId)}${search}`, { signal });
}

export function useConversations(workspaceId: string, query: ConversationQuery) {
  return useQuery({
    queryKey: inboxKeys.list(workspaceId, query),
    queryFn: ({ signal }) => fetchConversations(workspaceId, query, signal),
    placeholderData: keepPreviousData,
    refetchInterval: FALLBACK_REFETCH_MS,
  });
}

export function useConversation(workspaceId: string, id: string | undefined) {
  return useQuery({
    queryKey: inboxKeys.detail(workspaceId, id ?? ''),
    queryFn: ({ signal }) => apiFetch<Conversation>(conversationPath(workspaceId, id ?? ''), { signal }),
    enabled: Boolean(id),
    refetchInterval: FALLBACK_REFETCH_MS,
  });
}

/** Pages of messages, newest first as the API sends them; older pages are loaded on demand. */
export function useMessages(workspaceId: string, id: string | undefined) {
  return useInfiniteQuery({
    queryKey: inboxKeys.messages(workspaceId, id ?? ''),
    queryFn: ({ signal, pageParam }) =>
      apiFetch<ListPage<Message>>(
        `${conversationPath(workspaceId, id ?? '')}/messages${toQueryString({ page: pageParam, limit: MESSAGES_PAGE_SIZE })}`,
        { signal },
      ),
    initialPageParam: 1,
    getNextPageParam: (last) => (last.page * last.limit < last.total ? last.page + 1 : undefined),
    enabled: Boolean(id),
    refetchInterval: FALLBACK_REFETCH_MS,
  });
}

/** The messages of every loaded page, oldest first, as a thread reads. */
export function oldestFirst(pages: readonly ListPage<Message>[] | undefined): Message[] {
  const seen = new Set<string>();
  const messages: Message[] = [];
  // A message arriving between two page loads shifts the pages: skip what is already there.
  for (const page of pages ?? []) {
    for (const message of page.items) {
      if (seen.has(message.id)) continue;
      seen.add(message.id);
      messages.push(message);
    }
  }
  return messages.reverse();
}

export function useNotes(workspaceId: string, id: string) {
  return useQuery({
    queryKey: inboxKeys.notes(workspaceId, id),
    queryFn: ({ signal }) =>
      apiFetch<{ items: Note[]; total: number }>(`${conversationPath(workspaceId, id)}/notes`, { signal }),
    refetchInterval: FALLBACK_REFETCH_MS,
  });
}

/** A changed conversation: the open one is replaced at once, the lists are fetched again in the background. */
function useConversationChange(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  return (conversation: Conversation) => {
    queryClient.setQueryData(inboxKeys.detail(workspaceId, id), conversation);
    void queryClient.invalidateQueries({ queryKey: inboxKeys.lists(workspaceId) });
  };
}

function useConversationAction<Body>(workspaceId: string, id: string, action: string) {
  const onSuccess = useConversationChange(workspaceId, id);
  return useMutation({
    mutationFn: (body: Body) =>
      apiFetch<Conversation>(`${conversationPath(workspaceId, id)}/${action}`, { method: 'POST', body }),
    onSuccess,
  });
}

export function useAssignConversation(workspaceId: string, id: string) {
  return useConversationAction<{ assigneeId: string | null }>(workspaceId, id, 'assign');
}

export function useResolveConversation(workspaceId: string, id: string) {
  return useConversationAction<void>(workspaceId, id, 'resolve');
}

export function useReopenConversation(workspaceId: string, id: string) {
  return useConversationAction<void>(workspaceId, id, 'reopen');
}

/** `human`: the team takes over and the assistant stops answering; `bot` hands it back. */
export function useSetConversationMode(workspaceId: string, id: string) {
  return useConversationAction<{ mode: ConversationMode }>(workspaceId, id, 'mode');
}

export function useSendMessage(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (message: OutgoingMessage) =>
      apiFetch<Message>(`${conversationPath(workspaceId, id)}/messages`, { method: 'POST', body: message }),
    // The composer is free again once the thread shows the reply; the list catches up on its own.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists(workspaceId) });
      return queryClient.invalidateQueries({ queryKey: inboxKeys.messages(workspaceId, id) });
    },
  });
}

/** Opening a conversation reads it: the unread count drops at once, without waiting for the server. */
export function useMarkConversationRead(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<void>(`${conversationPath(workspaceId, id)}/read`, { method: 'POST' }),
    onMutate: () => {
      queryClient.setQueryData<Conversation>(inboxKeys.detail(workspaceId, id), (current) =>
        current ? { ...current, unreadCount: 0 } : current,
      );
      queryClient.setQueriesData<ListPage<Conversation>>({ queryKey: inboxKeys.lists(workspaceId) }, (page) =>
        page
          ? { ...page, items: page.items.map((item) => (item.id === id ? { ...item, unreadCount: 0 } : item)) }
          : page,
      );
    },
    onSettled: () => void queryClient.invalidateQueries({ queryKey: inboxKeys.lists(workspaceId) }),
  });
}

export function useAddNote(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (text: string) =>
      apiFetch<Note>(`${conversationPath(workspaceId, id)}/notes`, { method: 'POST', body: { text } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKeys.notes(workspaceId, id) }),
  });
}
