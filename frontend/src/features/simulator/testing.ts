import type { Message } from '@/features/inbox/api/conversations';
import { conversation, message, page, WS } from '@/features/inbox/testing';
import { callsTo, type mockFetch, type MockRoute } from '@/test/fetchMock';

/** A fake simulator for the tests of the test chat and of the AI agent's "Try it" panel. */

export const PHONE = '+393330000001';

export type SimulatorServer = {
  /** Whether this number has written before. */
  existing: boolean;
  messages: Message[];
  /** The workspace's answer to each message the simulated customer sends (its text, or the title tapped). */
  answer?: (text: string, sent: Message) => Message | undefined;
};

/** The simulator and the messages of its sandbox conversation `sim-1`. */
export function simulatorServer(state: SimulatorServer): Record<string, MockRoute> {
  const sandbox = conversation('sim-1', {
    sandbox: true,
    customer: { id: 'cust-sim', name: 'Test customer', phone: PHONE, blocked: false },
  });
  return {
    [`GET ${WS}/conversations`]: () => ({ body: page(state.existing ? [sandbox] : [], { limit: 20 }) }),
    [`GET ${WS}/conversations/sim-1/messages`]: () => ({ body: page([...state.messages]) }),
    [`POST ${WS}/simulator/messages`]: ({ body }) => {
      const sent = body as { text?: string; reply?: { type: 'button_reply' | 'list_reply'; id: string; title: string } };
      const inbound = message(`in-${state.messages.length + 1}`, {
        text: sent.text ?? sent.reply?.title ?? '',
        type: sent.reply ? 'interactive' : 'text',
        interactive: sent.reply ?? null,
      });
      state.messages = [inbound, ...state.messages];
      const answer = state.answer?.(inbound.text, inbound);
      if (answer) state.messages = [answer, ...state.messages];
      state.existing = true;
      return { status: 202, body: { conversationId: 'sim-1', messageId: inbound.id } };
    },
    [`POST ${WS}/simulator/conversations/sim-1/read`]: () => {
      state.messages = state.messages.map((item) =>
        item.direction === 'outbound' && item.status !== 'failed' ? { ...item, status: 'read' } : item,
      );
      return { status: 204 };
    },
  };
}

/** The bodies sent to `POST …/simulator/messages`, in order. */
export function sentBodies(fetchMock: ReturnType<typeof mockFetch>): unknown[] {
  return callsTo(fetchMock, `${WS}/simulator/messages`, 'POST').map(([, init]) => JSON.parse(String(init?.body)));
}
