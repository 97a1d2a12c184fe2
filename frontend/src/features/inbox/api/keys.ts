/**
 * Query keys of the inbox. Kept apart from the hooks so that the live-update socket
 * (`lib/live.ts`) can name them without loading the inbox.
 */
export const inboxKeys = {
  all: ['inbox'] as const,
  workspace: (workspaceId: string) => ['inbox', workspaceId] as const,
  lists: (workspaceId: string) => ['inbox', workspaceId, 'list'] as const,
  list: (workspaceId: string, query: object) => ['inbox', workspaceId, 'list', query] as const,
  conversation: (workspaceId: string, id: string) => ['inbox', workspaceId, 'conversation', id] as const,
  detail: (workspaceId: string, id: string) => ['inbox', workspaceId, 'conversation', id, 'detail'] as const,
  messages: (workspaceId: string, id: string) => ['inbox', workspaceId, 'conversation', id, 'messages'] as const,
  notes: (workspaceId: string, id: string) => ['inbox', workspaceId, 'conversation', id, 'notes'] as const,
  templates: (workspaceId: string) => ['inbox', workspaceId, 'templates'] as const,
};
