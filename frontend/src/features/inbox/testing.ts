import type { MockRoute } from '@/test/fetchMock';
import { SHOP_ID } from '@/test/fixtures';
import type { Member } from '@/features/team/api/members';
import type { ListPage } from '@/lib/list';
import type { Conversation, Message, Note } from './api/conversations';

/** Test data and a fake live-update socket shared by the inbox and simulator tests. */

export const WS = `/api/workspaces/${SHOP_ID}`;

export function conversation(id: string, overrides: Partial<Conversation> = {}): Conversation {
  return {
    id,
    customer: { id: `cust-${id}`, name: 'Maria Rossi', phone: '+393331234567', blocked: false },
    status: 'open',
    mode: 'bot',
    assigneeId: null,
    unreadCount: 0,
    lastMessageAt: '2026-11-30T10:00:00Z',
    lastMessagePreview: 'Avete il parmigiano?',
    sandbox: false,
    windowOpen: true,
    windowExpiresAt: '2026-12-01T10:00:00Z',
    ...overrides,
  };
}

export function message(id: string, overrides: Partial<Message> = {}): Message {
  return {
    id,
    direction: 'inbound',
    type: 'text',
    text: `Message ${id}`,
    status: 'received',
    providerMessageId: `wamid.${id}`,
    error: null,
    authorId: null,
    authorKind: 'customer',
    media: null,
    interactive: null,
    replyTo: null,
    createdAt: '2026-11-30T10:00:00Z',
    ...overrides,
  };
}

/** An operator's reply with `status`. */
export function reply(id: string, status: Message['status'], overrides: Partial<Message> = {}): Message {
  return message(id, { direction: 'outbound', status, authorKind: 'operator', authorId: 'user-admin', ...overrides });
}

export function note(id: string, text: string, overrides: Partial<Note> = {}): Note {
  return { id, authorId: 'user-admin', authorName: 'Alessandra Admin', text, createdAt: '2026-11-30T11:00:00Z', ...overrides };
}

export const members: Member[] = [
  { userId: 'user-admin', email: 'admin@shopme.test', name: 'Alessandra Admin', role: 'admin', joinedAt: '2026-01-01T00:00:00Z' },
  { userId: 'user-agent', email: 'agent@shopme.test', name: 'Giulia Agent', role: 'agent', joinedAt: '2026-01-01T00:00:00Z' },
];

export function page<T>(items: T[], overrides: Partial<ListPage<T>> = {}): ListPage<T> {
  return { items, total: items.length, page: 1, limit: 50, ...overrides };
}

export function membersRoute(): Record<string, MockRoute> {
  return { [`GET ${WS}/members`]: { body: { items: members, invitations: [] } } };
}

/**
 * Stands in for the browser's WebSocket: tests open, feed and drop the connections the page makes.
 */
export class FakeWebSocket {
  static instances: FakeWebSocket[] = [];

  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: Event) => void) | null = null;
  closed = false;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  close() {
    this.closed = true;
  }

  receive(frame: Record<string, unknown>) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  drop() {
    this.closed = true;
    this.onclose?.(new Event('close'));
  }

  static latest(): FakeWebSocket {
    const socket = FakeWebSocket.instances.at(-1);
    if (!socket) throw new Error('no WebSocket was opened');
    return socket;
  }
}

export function installFakeWebSocket(): typeof FakeWebSocket {
  FakeWebSocket.instances = [];
  vi.stubGlobal('WebSocket', FakeWebSocket);
  return FakeWebSocket;
}
