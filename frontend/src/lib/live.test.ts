import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook } from '@testing-library/react';
import { createElement, type ReactNode } from 'react';
import { customerKeys } from '@/features/customers/api/customers';
import { inboxKeys } from '@/features/inbox/api/keys';
import { FakeWebSocket, installFakeWebSocket } from '@/features/inbox/testing';
import { orderKeys } from '@/features/orders/api/orders';
import { keysToRefresh, liveUrl, parseLiveEvent, reconnectDelay, useLiveUpdates } from './live';

const WS_ID = 'ws-shop';

describe('liveUrl', () => {
  it('uses the page’s host, with wss: under HTTPS', () => {
    expect(liveUrl('ws shop', { protocol: 'http:', host: 'localhost:5173' })).toBe('ws://localhost:5173/ws?workspaceId=ws%20shop');
    expect(liveUrl(WS_ID, { protocol: 'https:', host: 'app.shopme.example' })).toBe(
      'wss://app.shopme.example/ws?workspaceId=ws-shop',
    );
  });
});

describe('reconnectDelay', () => {
  it('doubles from one second up to thirty, shortened by at most a fifth at random', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 20].map((attempt) => reconnectDelay(attempt, () => 0))).toEqual([
      1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000,
    ]);
    expect(reconnectDelay(0, () => 1)).toBe(800);
    expect(reconnectDelay(10, () => 0.5)).toBe(27_000);
  });
});

describe('parseLiveEvent', () => {
  it('reads JSON frames with a type and ignores anything else', () => {
    expect(parseLiveEvent('{"type":"ready","workspaceId":"ws-shop"}')).toEqual({ type: 'ready', workspaceId: WS_ID });
    expect(parseLiveEvent('not json')).toBeUndefined();
    expect(parseLiveEvent('{"conversationId":"c1"}')).toBeUndefined();
    expect(parseLiveEvent('null')).toBeUndefined();
    expect(parseLiveEvent(new Blob())).toBeUndefined();
  });
});

describe('keysToRefresh', () => {
  const ids = { workspaceId: WS_ID, conversationId: 'c1' };

  it('refreshes what each frame says has changed', () => {
    expect(keysToRefresh(WS_ID, { type: 'message.created', ...ids, messageId: 'm1' })).toEqual([
      inboxKeys.lists(WS_ID),
      inboxKeys.detail(WS_ID, 'c1'),
      inboxKeys.messages(WS_ID, 'c1'),
    ]);
    expect(keysToRefresh(WS_ID, { type: 'message.updated', ...ids, messageId: 'm1' })).toEqual([
      inboxKeys.messages(WS_ID, 'c1'),
    ]);
    expect(keysToRefresh(WS_ID, { type: 'conversation.updated', ...ids })).toEqual([
      inboxKeys.lists(WS_ID),
      inboxKeys.detail(WS_ID, 'c1'),
    ]);
    expect(keysToRefresh(WS_ID, { type: 'note.created', ...ids })).toEqual([inboxKeys.notes(WS_ID, 'c1')]);
    expect(keysToRefresh(WS_ID, { type: 'customer.blocked', ...ids, customerId: 'cust-1' })).toEqual([
      inboxKeys.lists(WS_ID),
      inboxKeys.detail(WS_ID, 'c1'),
      customerKeys.detail(WS_ID, 'cust-1'),
    ]);
    expect(keysToRefresh(WS_ID, { type: 'ready', workspaceId: WS_ID })).toEqual([]);
  });

  it('refreshes the order lists and that order’s page when an order is paid, refunded or its payment fails', () => {
    const keys = keysToRefresh(WS_ID, { type: 'order.updated', ...ids, orderId: 'ord-1', status: 'paid' });
    expect(keys).toEqual([orderKeys.lists(WS_ID), orderKeys.detail(WS_ID, 'ord-1')]);
    // A customer's orders are one of the lists; the inbox is left alone.
    expect(orderKeys.ofCustomer(WS_ID, 'cust-1').slice(0, 3)).toEqual(orderKeys.lists(WS_ID));
    // Without a status (a failed payment) or a conversation (an order taken by phone), the same.
    expect(keysToRefresh(WS_ID, { type: 'order.updated', workspaceId: WS_ID, conversationId: null, orderId: 'ord-2' })).toEqual([
      orderKeys.lists(WS_ID),
      orderKeys.detail(WS_ID, 'ord-2'),
    ]);
  });

  it('ignores frames of a type it does not know', () => {
    expect(keysToRefresh(WS_ID, { type: 'order.archived', workspaceId: WS_ID } as unknown as Parameters<typeof keysToRefresh>[1])).toEqual(
      [],
    );
  });
});

describe('useLiveUpdates', () => {
  function setup(workspaceId = WS_ID) {
    installFakeWebSocket();
    const queryClient = new QueryClient();
    const invalidate = vi.spyOn(queryClient, 'invalidateQueries').mockResolvedValue();
    const wrapper = ({ children }: { children: ReactNode }) => createElement(QueryClientProvider, { client: queryClient }, children);
    const hook = renderHook(({ id }) => useLiveUpdates(id), { wrapper, initialProps: { id: workspaceId } });
    return { ...hook, invalidate };
  }

  function invalidatedKeys(invalidate: ReturnType<typeof setup>['invalidate']): unknown[] {
    return invalidate.mock.calls.map(([filters]) => filters?.queryKey);
  }

  afterEach(() => {
    vi.useRealTimers();
  });

  it('is live once the server says it is ready, and refreshes the queries each frame names, only for its own workspace', () => {
    const { result, invalidate } = setup();
    expect(result.current).toBe('connecting');
    const socket = FakeWebSocket.latest();
    expect(socket.url).toMatch(/\/ws\?workspaceId=ws-shop$/);

    act(() => socket.receive({ type: 'ready', workspaceId: WS_ID }));
    expect(result.current).toBe('open');
    act(() => socket.receive({ type: 'note.created', workspaceId: WS_ID, conversationId: 'c1' }));
    act(() => socket.receive({ type: 'note.created', workspaceId: 'ws-other', conversationId: 'c9' }));

    expect(invalidatedKeys(invalidate)).toEqual([inboxKeys.notes(WS_ID, 'c1')]);
  });

  it('refreshes an order’s queries when the server says it was paid, and nothing of another workspace', () => {
    const { invalidate } = setup();
    const socket = FakeWebSocket.latest();
    act(() => socket.receive({ type: 'ready', workspaceId: WS_ID }));
    act(() =>
      socket.receive({ type: 'order.updated', workspaceId: WS_ID, conversationId: 'c1', orderId: 'ord-1', status: 'paid' }),
    );
    act(() => socket.receive({ type: 'order.updated', workspaceId: 'ws-other', conversationId: 'c9', orderId: 'ord-9' }));

    expect(invalidatedKeys(invalidate)).toEqual([orderKeys.lists(WS_ID), orderKeys.detail(WS_ID, 'ord-1')]);
  });

  it('reconnects with backoff and catches up on what it missed', () => {
    vi.useFakeTimers();
    const { result, invalidate } = setup();
    const first = FakeWebSocket.latest();
    act(() => first.receive({ type: 'ready', workspaceId: WS_ID }));

    act(() => first.drop());
    expect(result.current).toBe('reconnecting');
    act(() => vi.advanceTimersByTime(1_000));
    const second = FakeWebSocket.latest();
    expect(second).not.toBe(first);
    act(() => second.drop());
    act(() => vi.advanceTimersByTime(1_500));
    expect(FakeWebSocket.instances).toHaveLength(2);
    act(() => vi.advanceTimersByTime(500));
    expect(FakeWebSocket.instances).toHaveLength(3);

    act(() => FakeWebSocket.latest().receive({ type: 'ready', workspaceId: WS_ID }));
    expect(result.current).toBe('open');
    expect(invalidatedKeys(invalidate)).toEqual([inboxKeys.workspace(WS_ID), orderKeys.workspace(WS_ID)]);
  });

  it('closes the connection when the page goes away, without reconnecting', () => {
    vi.useFakeTimers();
    const { unmount } = setup();
    const socket = FakeWebSocket.latest();
    unmount();
    expect(socket.closed).toBe(true);
    act(() => socket.drop());
    act(() => vi.advanceTimersByTime(60_000));
    expect(FakeWebSocket.instances).toHaveLength(1);
  });

  it('opens a new connection for another workspace', () => {
    const { rerender, result } = setup();
    const first = FakeWebSocket.latest();
    act(() => first.receive({ type: 'ready', workspaceId: WS_ID }));
    rerender({ id: 'ws-hotel' });
    expect(first.closed).toBe(true);
    expect(FakeWebSocket.latest().url).toMatch(/workspaceId=ws-hotel$/);
    expect(result.current).toBe('connecting');
  });
});
