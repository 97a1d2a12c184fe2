import { act, screen, waitFor, within } from '@testing-library/react';
import { FakeWebSocket, installFakeWebSocket, message, reply, WS } from '@/features/inbox/testing';
import { callsTo, mockFetch } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { PHONE, sentBodies, simulatorServer, type SimulatorServer } from './testing';

function renderSimulator(state: Partial<SimulatorServer> = {}) {
  const server: SimulatorServer = { existing: false, messages: [], ...state };
  const fetchMock = mockFetch({ ...meRoute(makeMe('agent')), ...simulatorServer(server) });
  return { fetchMock, server, ...renderRoute(`/w/${SHOP_ID}/simulator`) };
}

const deliveryChoice = reply('out-1', 'delivered', {
  type: 'interactive',
  text: 'Come preferisci ricevere l’ordine?',
  authorKind: 'agent',
  authorId: null,
  interactive: {
    type: 'button',
    body: 'Come preferisci ricevere l’ordine?',
    buttons: [
      { id: 'delivery', title: 'Consegna' },
      { id: 'pickup', title: 'Ritiro' },
    ],
  },
});

beforeEach(() => {
  installFakeWebSocket();
  window.sessionStorage.clear();
});

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./SimulatorPage')]), 60_000);

describe('SimulatorPage', () => {
  it('asks who the customer is, checking the number', async () => {
    const { user } = renderSimulator();

    const phone = await screen.findByLabelText('WhatsApp number');
    expect(phone).toHaveValue('+39 333 000 0001');
    expect(screen.getByLabelText('Customer name')).toHaveValue('Test customer');
    await user.clear(phone);
    await user.type(phone, '333 000');
    await user.click(screen.getByRole('button', { name: 'Start chatting' }));
    expect(phone).toHaveAccessibleDescription('Use the international format, e.g. +393471234567.');

    await user.clear(phone);
    await user.type(phone, '+39 333 000 0001');
    await user.click(screen.getByRole('button', { name: 'Start chatting' }));
    expect(await screen.findByRole('region', { name: 'Simulated phone' })).toHaveTextContent(
      `You are Test customer, ${PHONE}`,
    );
    expect(screen.getByText('Send a message to start the conversation.')).toBeInTheDocument();
  });

  it('sends a text as the customer, shows the reply and reports it read', async () => {
    const { fetchMock, user } = renderSimulator({
      answer: () => reply('out-1', 'delivered', { text: 'Sì, abbiamo il Parmigiano 24 mesi.', authorKind: 'agent' }),
    });

    await user.click(await screen.findByRole('button', { name: 'Start chatting' }));
    await user.type(screen.getByRole('textbox', { name: 'Message' }), 'Avete il parmigiano?');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const chat = await screen.findByRole('list', { name: 'Chat' });
    await waitFor(() => expect(within(chat).getAllByRole('article')).toHaveLength(2));
    const [mine, theirs] = within(chat).getAllByRole('article');
    expect(mine).toHaveAccessibleName('Your message');
    expect(mine).toHaveTextContent('Avete il parmigiano?');
    expect(theirs).toHaveAccessibleName('Message from Bottega Italiana');
    expect(theirs).toHaveTextContent('Sì, abbiamo il Parmigiano 24 mesi.');
    expect(screen.getByRole('textbox', { name: 'Message' })).toHaveValue('');
    expect(sentBodies(fetchMock)).toEqual([{ name: 'Test customer', phone: PHONE, text: 'Avete il parmigiano?' }]);
    await waitFor(() => expect(callsTo(fetchMock, `${WS}/simulator/conversations/sim-1/read`, 'POST')).toHaveLength(1));
  });

  it('continues the chat of a number that wrote before, and taps a reply button', async () => {
    const { fetchMock, user } = renderSimulator({
      existing: true,
      messages: [deliveryChoice, message('in-1', { text: 'Vorrei ordinare' })],
    });

    await user.click(await screen.findByRole('button', { name: 'Start chatting' }));
    const buttons = await screen.findByRole('list', { name: 'Reply buttons' });
    await user.click(within(buttons).getByRole('button', { name: 'Ritiro' }));

    await waitFor(() =>
      expect(sentBodies(fetchMock)).toEqual([
        { name: 'Test customer', phone: PHONE, reply: { type: 'button_reply', id: 'pickup', title: 'Ritiro' } },
      ]),
    );
    const chat = screen.getByRole('list', { name: 'Chat' });
    await waitFor(() => expect(within(chat).getAllByRole('article')).toHaveLength(3));
    expect(within(chat).getAllByRole('article')[2]).toHaveTextContent(/^Tapped buttonRitiro/);
  });

  it('taps a row of a list', async () => {
    const { fetchMock, user } = renderSimulator({
      existing: true,
      messages: [
        reply('out-1', 'read', {
          type: 'interactive',
          text: 'Scegli un formaggio',
          authorKind: 'agent',
          interactive: {
            type: 'list',
            body: 'Scegli un formaggio',
            button: 'Formaggi',
            sections: [{ title: 'Stagionati', rows: [{ id: 'p-24', title: 'Parmigiano 24 mesi', description: '€18,90' }] }],
          },
        }),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Start chatting' }));
    const rows = await screen.findByRole('list', { name: 'Stagionati' });
    await user.click(within(rows).getByRole('button', { name: /Parmigiano 24 mesi/ }));

    await waitFor(() =>
      expect(sentBodies(fetchMock)).toEqual([
        { name: 'Test customer', phone: PHONE, reply: { type: 'list_reply', id: 'p-24', title: 'Parmigiano 24 mesi' } },
      ]),
    );
    // Everything shown was read already: no read receipt to send.
    expect(callsTo(fetchMock, `${WS}/simulator/conversations/sim-1/read`, 'POST')).toHaveLength(0);
  });

  it('shows a reply the operator sends from the inbox as soon as the server announces it', async () => {
    const { server, user } = renderSimulator({ existing: true, messages: [message('in-1', { text: 'Ciao' })] });

    await user.click(await screen.findByRole('button', { name: 'Start chatting' }));
    await screen.findByText('Ciao');
    act(() => FakeWebSocket.latest().receive({ type: 'ready', workspaceId: SHOP_ID }));
    server.messages = [reply('out-2', 'delivered', { text: 'Buongiorno, sono Giulia' }), ...server.messages];
    act(() =>
      FakeWebSocket.latest().receive({
        type: 'message.created',
        workspaceId: SHOP_ID,
        conversationId: 'sim-1',
        messageId: 'out-2',
      }),
    );

    expect(await screen.findByText('Buongiorno, sono Giulia')).toBeInTheDocument();
  });
});
