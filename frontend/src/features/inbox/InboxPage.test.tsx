import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import type { Role } from '@/features/auth/permissions';
import { callsTo, mockFetch, problem, type MockResponse, type MockRoute } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Conversation, Message, Note } from './api/conversations';
import type { MessageTemplate } from './api/templates';
import { conversation, FakeWebSocket, installFakeWebSocket, membersRoute, message, note, page, reply, WS } from './testing';

const C1 = `${WS}/conversations/c1`;

type InboxServer = {
  conversations: Conversation[];
  messages: Message[];
  notes: Note[];
  /** Answers `POST …/messages` instead of accepting the message. */
  sendAnswer?: MockResponse;
  /** Answers `GET …/channels/whatsapp/templates`; none configured by default. */
  templates?: MockResponse;
};

/** The inbox API over `state`: actions change it, reads return it. */
function inboxServer(state: InboxServer): Record<string, MockRoute> {
  const find = () => state.conversations.find((item) => item.id === 'c1') ?? conversation('c1');
  const change = (changes: Partial<Conversation>) => {
    state.conversations = state.conversations.map((item) => (item.id === 'c1' ? { ...item, ...changes } : item));
    return { body: find() };
  };
  return {
    [`GET ${WS}/conversations`]: ({ url }) => {
      const filter = url.searchParams.get('filter');
      const items = state.conversations.filter((item) =>
        filter === 'resolved' ? item.status === 'resolved' : filter === 'all' ? true : item.status === 'open',
      );
      return { body: page(items, { limit: 20 }) };
    },
    [`GET ${C1}`]: () => ({ body: find() }),
    [`GET ${C1}/messages`]: () => ({ body: page([...state.messages]) }),
    [`POST ${C1}/messages`]: ({ body }) => {
      if (state.sendAnswer) return state.sendAnswer;
      const sent = reply(`m${state.messages.length + 1}`, 'queued', { text: (body as { text?: string }).text ?? '' });
      state.messages = [sent, ...state.messages];
      return { status: 202, body: sent };
    },
    [`POST ${C1}/read`]: () => {
      change({ unreadCount: 0 });
      return { status: 204 };
    },
    [`POST ${C1}/mode`]: ({ body }) => change({ mode: (body as { mode: Conversation['mode'] }).mode }),
    [`POST ${C1}/assign`]: ({ body }) => change({ assigneeId: (body as { assigneeId: string | null }).assigneeId }),
    [`POST ${C1}/resolve`]: () => change({ status: 'resolved' }),
    [`POST ${C1}/reopen`]: () => change({ status: 'open' }),
    [`GET ${C1}/notes`]: () => ({ body: { items: state.notes, total: state.notes.length } }),
    [`POST ${C1}/notes`]: ({ body }) => {
      const added = note(`n${state.notes.length + 1}`, (body as { text: string }).text);
      state.notes = [...state.notes, added];
      return { status: 201, body: added };
    },
    [`GET ${WS}/channels/whatsapp/templates`]: () => state.templates ?? { body: { items: [], total: 0 } },
    ...membersRoute(),
  };
}

function renderInbox(path: string, state: Partial<InboxServer> = {}, role: Role = 'admin') {
  const server: InboxServer = { conversations: [conversation('c1')], messages: [], notes: [], ...state };
  const fetchMock = mockFetch({ ...meRoute(makeMe(role)), ...inboxServer(server) });
  return { fetchMock, server, ...renderRoute(path) };
}

/** A bubble's text without its time. */
function withoutTime(bubble: HTMLElement): string {
  const time = bubble.querySelector('time')?.textContent ?? '';
  return (bubble.textContent ?? '').replace(time, '');
}

function bodiesOf(fetchMock: ReturnType<typeof mockFetch>, path: string): unknown[] {
  return callsTo(fetchMock, path, 'POST').map(([, init]) => (init?.body ? JSON.parse(String(init.body)) : undefined));
}

const templates: MessageTemplate[] = [
  { name: 'order_update', language: 'it', body: 'Ciao {{1}}, il tuo ordine è pronto.', parameterCount: 1 },
  { name: 'welcome_back', language: 'en', body: 'Welcome back!', parameterCount: 0 },
];

const configuredTemplates: MockResponse = { body: { items: templates, total: templates.length } };

const outsideWindow = problem(422, 'Outside the customer-service window', {
  type: 'https://shopme.example/problems/outside-window',
});

beforeEach(() => {
  installFakeWebSocket();
});

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./InboxPage')]), 60_000);

describe('InboxPage: the list', () => {
  it('shows each conversation with its preview, time, unread badge and test-chat marker', async () => {
    renderInbox(`/w/${SHOP_ID}/inbox`, {
      conversations: [
        conversation('c1', { unreadCount: 2 }),
        conversation('c2', {
          customer: { id: 'cust-2', name: 'Test customer', phone: '+393330000001', blocked: false },
          sandbox: true,
          mode: 'human',
          lastMessagePreview: 'Ciao dal simulatore',
        }),
      ],
    });

    const list = await screen.findByRole('list', { name: 'Conversations' });
    const [maria, tester] = within(list).getAllByRole('link');
    expect(maria).toHaveTextContent('Maria Rossi');
    expect(maria).toHaveTextContent('Avete il parmigiano?');
    expect(within(maria!).getByText('Unread messages: 2')).toBeInTheDocument();
    expect(within(maria!).getByRole('time')).toHaveAttribute('dateTime', '2026-11-30T10:00:00Z');
    expect(within(maria!).queryByText('Test chat')).not.toBeInTheDocument();
    expect(tester).toHaveTextContent('Ciao dal simulatore');
    expect(within(tester!).getByText('Test chat')).toBeInTheDocument();
    expect(within(tester!).getByText('Team replies')).toBeInTheDocument();
    expect(within(tester!).queryByText(/^Unread/)).not.toBeInTheDocument();
    expect(screen.getByText('No conversation open')).toBeInTheDocument();
  });

  it('asks the server for the chosen filter and search, keeping them in the URL', async () => {
    const { fetchMock, user, router } = renderInbox(`/w/${SHOP_ID}/inbox`);
    const filters = await screen.findByRole('radiogroup', { name: 'Show' });
    const labels = within(filters)
      .getAllByRole('radio')
      .map((radio) => radio.textContent);
    expect(labels).toEqual(['Open', 'Mine', 'Unassigned', 'Assistant', 'Team', 'Resolved', 'All']);
    expect(within(filters).getByRole('radio', { name: 'Open' })).toBeChecked();

    await user.click(within(filters).getByRole('radio', { name: 'Mine' }));
    await waitFor(() => expect(router.state.location.search).toBe('?filter=mine'));
    await user.type(screen.getByRole('searchbox', { name: 'Search conversations' }), 'parmigiano');
    await waitFor(() => expect(router.state.location.search).toBe('?filter=mine&search=parmigiano'));

    const queries = callsTo(fetchMock, `${WS}/conversations`).map(
      ([url]) => new URL(String(url), 'http://localhost').search,
    );
    expect(queries[0]).toBe('?filter=open&page=1&limit=20');
    await waitFor(() =>
      expect(callsTo(fetchMock, `${WS}/conversations`).map(([url]) => new URL(String(url), 'http://localhost').search)).toContain(
        '?filter=mine&search=parmigiano&page=1&limit=20',
      ),
    );
    expect(queries).toContain('?filter=mine&page=1&limit=20');
  });

  it('opens a conversation from the list and marks it read', async () => {
    const { fetchMock, user, router } = renderInbox(`/w/${SHOP_ID}/inbox?filter=all`, {
      conversations: [conversation('c1', { unreadCount: 2 })],
      messages: [message('m2'), message('m1')],
    });

    await user.click(await screen.findByRole('link', { name: /Maria Rossi/ }));
    expect(router.state.location.pathname).toBe(`/w/${SHOP_ID}/inbox/c1`);
    expect(router.state.location.search).toBe('?filter=all');
    expect(await screen.findByRole('heading', { level: 2, name: 'Maria Rossi' })).toBeInTheDocument();
    await waitFor(() => expect(callsTo(fetchMock, `${C1}/read`, 'POST')).toHaveLength(1));
    await waitFor(() => expect(screen.queryByText('Unread messages: 2')).not.toBeInTheDocument());
    expect(screen.getByRole('link', { name: /Maria Rossi/ })).toHaveAttribute('aria-current', 'page');
  });

  it('does not mark a conversation without unread messages read again', async () => {
    const { fetchMock } = renderInbox(`/w/${SHOP_ID}/inbox/c1`, { messages: [message('m1')] });
    expect(await screen.findByRole('list', { name: 'Messages' })).toBeInTheDocument();
    expect(callsTo(fetchMock, `${C1}/read`, 'POST')).toHaveLength(0);
  });
});

describe('InboxPage: the thread', () => {
  it('shows messages oldest first, with the ticks of each delivery status and why one failed', async () => {
    renderInbox(`/w/${SHOP_ID}/inbox/c1`, {
      // Newest first, as the API sends them.
      messages: [
        reply('m8', 'failed', {
          text: 'Ci sei?',
          error: { code: 131047, title: 'Re-engagement message', detail: 'More than 24 hours have passed.' },
        }),
        reply('m7', 'read', { text: 'Letto' }),
        reply('m6', 'delivered', { text: 'Consegnato' }),
        reply('m5', 'sent', { text: 'Inviato', authorKind: 'agent', authorId: null }),
        reply('m4', 'queued', { text: 'In coda' }),
        message('m3', { type: 'image', text: 'La mia forma', media: { id: 'media-1', mimeType: 'image/jpeg' } }),
        message('m2', { type: 'location', text: 'Via Roma 1, Bologna' }),
        message('m1', { text: 'Avete il parmigiano?' }),
      ],
    });

    const thread = await screen.findByRole('list', { name: 'Messages' });
    const bubbles = within(thread).getAllByRole('article');
    expect(bubbles.map(withoutTime)).toEqual([
      'Avete il parmigiano?',
      'LocationVia Roma 1, Bologna',
      'ImageLa mia formaShow image',
      'Alessandra AdminIn coda',
      'AssistantInviato',
      'Alessandra AdminConsegnato',
      'Alessandra AdminLetto',
      expect.stringMatching(/^Alessandra AdminCi sei\?Not delivered: error 131047, Re-engagement messageMore than 24 hours have passed\.$/),
    ]);
    expect(bubbles[0]).toHaveAccessibleName('Message from the customer');
    expect(bubbles[3]).toHaveAccessibleName('Message sent by Alessandra Admin');
    expect(within(bubbles[0]!).queryByRole('img')).not.toBeInTheDocument();
    expect(within(bubbles[3]!).getByRole('img', { name: 'Waiting to be sent' })).toBeInTheDocument();
    expect(within(bubbles[4]!).getByRole('img', { name: 'Sent' })).toBeInTheDocument();
    expect(within(bubbles[5]!).getByRole('img', { name: 'Delivered' })).toHaveClass('text-slate-400');
    expect(within(bubbles[6]!).getByRole('img', { name: 'Read' })).toHaveClass('text-sky-500');
    expect(within(bubbles[7]!).getByRole('img', { name: 'Not delivered' })).toHaveClass('text-red-600');
  });

  it('labels media, contacts and unknown types, and shows the buttons offered and the one tapped', async () => {
    renderInbox(`/w/${SHOP_ID}/inbox/c1`, {
      messages: [
        message('m6', {
          type: 'interactive',
          text: 'Ritiro',
          interactive: { type: 'button_reply', id: 'pickup', title: 'Ritiro' },
        }),
        reply('m5', 'read', {
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
        }),
        message('m4', { type: 'poll', text: '' }),
        message('m3', { type: 'contacts', text: 'Luca Bianchi' }),
        message('m2', { type: 'document', text: '', media: { id: 'd1', filename: 'fattura.pdf' } }),
        message('m1', { type: 'audio', text: '' }),
      ],
    });

    const thread = await screen.findByRole('list', { name: 'Messages' });
    const bubbles = within(thread).getAllByRole('article');
    expect(bubbles[0]).toHaveTextContent(/^Audio/);
    expect(bubbles[1]).toHaveTextContent(/^Documentfattura\.pdf/);
    expect(bubbles[2]).toHaveTextContent(/^Contact cardLuca Bianchi/);
    expect(bubbles[3]).toHaveTextContent(/^Unsupported message/);
    const offered = within(bubbles[4]!).getByRole('list', { name: 'Reply buttons' });
    expect(within(offered).getAllByRole('listitem').map((item) => item.textContent)).toEqual(['Consegna', 'Ritiro']);
    expect(within(offered).queryByRole('button')).not.toBeInTheDocument();
    expect(bubbles[5]).toHaveTextContent(/^Tapped buttonRitiro/);
  });

  it('updates live when the server says a message arrived', async () => {
    const { server } = renderInbox(`/w/${SHOP_ID}/inbox/c1`, { messages: [message('m1', { text: 'Ciao' })] });
    await screen.findByText('Ciao');
    const socket = FakeWebSocket.latest();
    expect(socket.url).toMatch(new RegExp(`^ws://localhost(:\\d+)?/ws\\?workspaceId=${SHOP_ID}$`));
    act(() => socket.receive({ type: 'ready', workspaceId: SHOP_ID }));
    expect(await screen.findByText('Live')).toBeInTheDocument();

    server.messages = [message('m2', { text: 'Avete il pecorino?' }), ...server.messages];
    act(() => socket.receive({ type: 'message.created', workspaceId: SHOP_ID, conversationId: 'c1', messageId: 'm2' }));
    expect(await screen.findByText('Avete il pecorino?')).toBeInTheDocument();
  });
});

describe('InboxPage: media a customer sent', () => {
  const mediaOf = (id: string) => `${C1}/messages/${id}/media`;

  it('shows an image only when asked, with its caption, and says so when it cannot be loaded', async () => {
    const { user } = renderInbox(`/w/${SHOP_ID}/inbox/c1`, {
      messages: [
        message('m2', { type: 'sticker', text: '', media: { id: 'media-2', mimeType: 'image/webp' } }),
        message('m1', { type: 'image', text: 'La mia forma', media: { id: 'media-1', mimeType: 'image/jpeg' } }),
      ],
    });

    const thread = await screen.findByRole('list', { name: 'Messages' });
    const [image, sticker] = within(thread).getAllByRole('article');
    expect(image).toHaveTextContent('La mia forma');
    // Each first open costs a WhatsApp API call: nothing loads until the operator asks.
    expect(thread.querySelector('img')).toBeNull();

    await user.click(within(image!).getByRole('button', { name: 'Show image' }));
    const picture = within(image!).getByRole('img', { name: 'Image' });
    expect(picture).toHaveAttribute('src', mediaOf('m1'));
    expect(within(image!).queryByRole('button', { name: 'Show image' })).not.toBeInTheDocument();
    expect(image).toHaveTextContent('La mia forma');
    expect(within(sticker!).queryByRole('img')).not.toBeInTheDocument();

    fireEvent.error(picture);
    expect(within(image!).getByRole('alert')).toHaveTextContent('Could not load the image: WhatsApp may no longer have it.');
    expect(within(image!).queryByRole('img', { name: 'Image' })).not.toBeInTheDocument();

    await user.click(within(sticker!).getByRole('button', { name: 'Show image' }));
    expect(within(sticker!).getByRole('img', { name: 'Sticker' })).toHaveAttribute('src', mediaOf('m2'));
  });

  it('loads audio and video into players only when asked', async () => {
    const { user } = renderInbox(`/w/${SHOP_ID}/inbox/c1`, {
      messages: [
        message('m2', { type: 'video', text: 'Guarda qui', media: { id: 'media-2', mimeType: 'video/mp4' } }),
        message('m1', { type: 'audio', text: '', media: { id: 'media-1', mimeType: 'audio/ogg' } }),
      ],
    });

    const thread = await screen.findByRole('list', { name: 'Messages' });
    const [audio, video] = within(thread).getAllByRole('article');
    expect(thread.querySelector('audio, video')).toBeNull();

    await user.click(within(audio!).getByRole('button', { name: 'Load audio' }));
    const player = audio!.querySelector('audio');
    expect(player).toHaveAttribute('src', mediaOf('m1'));
    expect(player).toHaveAttribute('controls');
    expect(thread.querySelector('video')).toBeNull();

    await user.click(within(video!).getByRole('button', { name: 'Load video' }));
    const screenPlayer = video!.querySelector('video');
    expect(screenPlayer).toHaveAttribute('src', mediaOf('m2'));
    expect(screenPlayer).toHaveAttribute('controls');
    expect(video).toHaveTextContent('Guarda qui');

    fireEvent.error(screenPlayer!);
    expect(within(video!).getByRole('alert')).toHaveTextContent('Could not load the media: WhatsApp may no longer have it.');
    expect(video!.querySelector('video')).toBeNull();
  });

  it('offers a document as a download, named after its file or generically', async () => {
    renderInbox(`/w/${SHOP_ID}/inbox/c1`, {
      messages: [
        message('m2', { type: 'document', text: '', media: { id: 'media-2', mimeType: 'application/zip' } }),
        message('m1', {
          type: 'document',
          text: 'La fattura di ottobre',
          media: { id: 'media-1', mimeType: 'application/pdf', filename: 'fattura.pdf' },
        }),
      ],
    });

    const thread = await screen.findByRole('list', { name: 'Messages' });
    const [named, unnamed] = within(thread).getAllByRole('article');
    expect(named).toHaveTextContent('La fattura di ottobre');
    const link = within(named!).getByRole('link', { name: 'fattura.pdf' });
    expect(link).toHaveAttribute('href', mediaOf('m1'));
    expect(link).toHaveAttribute('download', 'fattura.pdf');
    const generic = within(unnamed!).getByRole('link', { name: 'Download the document' });
    expect(generic).toHaveAttribute('href', mediaOf('m2'));
    expect(generic).toHaveAttribute('download');
  });

  it('offers nothing to load for a media type without media', async () => {
    renderInbox(`/w/${SHOP_ID}/inbox/c1`, { messages: [message('m1', { type: 'image', text: '' })] });

    const thread = await screen.findByRole('list', { name: 'Messages' });
    expect(within(thread).getByRole('article')).toHaveTextContent(/^Image/);
    expect(within(thread).queryByRole('button')).not.toBeInTheDocument();
  });
});

describe('InboxPage: replying', () => {
  it('sends a text reply and clears the box', async () => {
    const { fetchMock, user } = renderInbox(`/w/${SHOP_ID}/inbox/c1`, { messages: [message('m1')] });

    const box = await screen.findByRole('textbox', { name: 'Reply' });
    await user.type(box, 'Sì, 24 mesi');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    await waitFor(() => expect(box).toHaveValue(''));
    expect(bodiesOf(fetchMock, `${C1}/messages`)).toEqual([{ text: 'Sì, 24 mesi' }]);
    expect(await screen.findByRole('img', { name: 'Waiting to be sent' })).toBeInTheDocument();
  });

  it('offers the configured templates when the server says the 24-hour window has closed', async () => {
    const { fetchMock, server, user } = renderInbox(`/w/${SHOP_ID}/inbox/c1`, {
      messages: [message('m1')],
      sendAnswer: outsideWindow,
      templates: configuredTemplates,
    });

    await user.type(await screen.findByRole('textbox', { name: 'Reply' }), 'Ci sei?');
    await user.click(screen.getByRole('button', { name: 'Send' }));

    const picker = await screen.findByRole('form', { name: 'Send a template' });
    expect(screen.getByText(/WhatsApp only delivers an approved template/)).toBeInTheDocument();
    expect(screen.queryByRole('textbox', { name: 'Reply' })).not.toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    const template = within(picker).getByLabelText('Template');
    expect(within(template).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'Type it by hand',
      'order_update (it)',
      'welcome_back (en)',
    ]);
    await user.selectOptions(template, 'order_update (it)');
    await user.click(within(picker).getByRole('button', { name: 'Send template' }));
    expect(within(picker).getByLabelText('Parameter 1')).toHaveAccessibleDescription('This field is required.');

    await user.type(within(picker).getByLabelText('Parameter 1'), 'Maria');
    expect(within(picker).getByText('Ciao Maria, il tuo ordine è pronto.')).toBeInTheDocument();
    server.sendAnswer = { status: 202, body: reply('m2', 'queued') };
    await user.click(within(picker).getByRole('button', { name: 'Send template' }));

    await waitFor(() =>
      expect(bodiesOf(fetchMock, `${C1}/messages`)).toEqual([
        { text: 'Ci sei?' },
        { template: { name: 'order_update', language: 'it', parameters: ['Maria'] } },
      ]),
    );
  });

  it('lets an agent pick a configured template when the window is closed, without the Admin-only channel settings', async () => {
    const { fetchMock, user } = renderInbox(
      `/w/${SHOP_ID}/inbox/c1`,
      {
        conversations: [conversation('c1', { windowOpen: false })],
        messages: [message('m1')],
        templates: configuredTemplates,
      },
      'agent',
    );

    const picker = await screen.findByRole('form', { name: 'Send a template' });
    const template = await within(picker).findByLabelText('Template');
    await user.selectOptions(template, 'welcome_back (en)');
    expect(within(picker).getByText('Welcome back!')).toBeInTheDocument();
    expect(within(picker).queryByLabelText('Template name')).not.toBeInTheDocument();
    expect(within(picker).queryByLabelText('Parameter 1')).not.toBeInTheDocument();
    await user.click(within(picker).getByRole('button', { name: 'Send template' }));

    await waitFor(() =>
      expect(bodiesOf(fetchMock, `${C1}/messages`)).toEqual([
        { template: { name: 'welcome_back', language: 'en', parameters: [] } },
      ]),
    );
    expect(callsTo(fetchMock, `${WS}/channels/whatsapp/templates`)).toHaveLength(1);
    expect(callsTo(fetchMock, `${WS}/channels/whatsapp`)).toHaveLength(0);
  });

  it('with no template configured, says an Admin can add them and lets an agent type one by hand', async () => {
    const { fetchMock, user } = renderInbox(
      `/w/${SHOP_ID}/inbox/c1`,
      { conversations: [conversation('c1', { windowOpen: false })], messages: [message('m1')] },
      'agent',
    );

    const picker = await screen.findByRole('form', { name: 'Send a template' });
    expect(
      await within(picker).findByText(/No templates are configured yet: an Admin can add them in the WhatsApp settings/),
    ).toBeInTheDocument();
    // The settings page is Admin-only: no link for an agent.
    expect(within(picker).queryByRole('link', { name: 'Open WhatsApp settings' })).not.toBeInTheDocument();
    expect(within(picker).queryByLabelText('Template')).not.toBeInTheDocument();
    await user.type(within(picker).getByLabelText('Template name'), 'order_update');
    await user.type(within(picker).getByLabelText('Language code'), 'it');
    await user.click(within(picker).getByRole('button', { name: 'Add parameter' }));
    await user.type(within(picker).getByLabelText('Parameter 1'), 'Maria');
    await user.click(within(picker).getByRole('button', { name: 'Send template' }));

    await waitFor(() =>
      expect(bodiesOf(fetchMock, `${C1}/messages`)).toEqual([
        { template: { name: 'order_update', language: 'it', parameters: ['Maria'] } },
      ]),
    );
    expect(callsTo(fetchMock, `${WS}/channels/whatsapp`)).toHaveLength(0);
  });

  it('links an admin to the WhatsApp settings when no template is configured', async () => {
    renderInbox(`/w/${SHOP_ID}/inbox/c1`, {
      conversations: [conversation('c1', { windowOpen: false, windowExpiresAt: null })],
    });

    const picker = await screen.findByRole('form', { name: 'Send a template' });
    expect(await within(picker).findByRole('link', { name: 'Open WhatsApp settings' })).toHaveAttribute(
      'href',
      `/w/${SHOP_ID}/settings/whatsapp`,
    );
    expect(within(picker).getByText(/No templates are configured yet/)).toBeInTheDocument();
    expect(screen.getByText('The customer has not written yet: WhatsApp only delivers an approved template.')).toBeInTheDocument();
    expect(within(picker).getByLabelText('Template name')).toBeInTheDocument();
  });

  it('still lets the operator type a template by hand when the templates cannot be loaded', async () => {
    renderInbox(`/w/${SHOP_ID}/inbox/c1`, {
      conversations: [conversation('c1', { windowOpen: false })],
      templates: problem(500, 'Internal Server Error'),
    });

    const picker = await screen.findByRole('form', { name: 'Send a template' });
    expect(await within(picker).findByText('Could not load the templates: type one by hand.')).toBeInTheDocument();
    expect(within(picker).getByLabelText('Template name')).toBeInTheDocument();
  });
});

describe('InboxPage: handling the conversation', () => {
  it('takes the conversation over from the assistant and hands it back', async () => {
    const { fetchMock, user } = renderInbox(`/w/${SHOP_ID}/inbox/c1`);

    const header = await screen.findByRole('region', { name: 'Conversation with Maria Rossi' });
    expect(within(header).getByText('Assistant replies')).toBeInTheDocument();
    expect(screen.getByText(/The assistant is answering this customer/)).toBeInTheDocument();
    await user.click(within(header).getByRole('button', { name: 'Take over' }));

    expect(await within(header).findByRole('button', { name: 'Hand back to the assistant' })).toBeInTheDocument();
    expect(within(header).getByText('Team replies')).toBeInTheDocument();
    expect(screen.queryByText(/The assistant is answering this customer/)).not.toBeInTheDocument();

    await user.click(within(header).getByRole('button', { name: 'Hand back to the assistant' }));
    expect(await within(header).findByRole('button', { name: 'Take over' })).toBeInTheDocument();
    expect(bodiesOf(fetchMock, `${C1}/mode`)).toEqual([{ mode: 'human' }, { mode: 'bot' }]);
  });

  it('assigns the conversation to me, to a team member and to nobody', async () => {
    const { fetchMock, user } = renderInbox(`/w/${SHOP_ID}/inbox/c1`);

    const assignee = await screen.findByLabelText('Assigned to');
    await waitFor(() =>
      expect(within(assignee).getAllByRole('option').map((option) => option.textContent)).toEqual([
        'Nobody',
        'Me (Alessandra Admin)',
        'Giulia Agent',
      ]),
    );
    await user.click(screen.getByRole('button', { name: 'Assign to me' }));
    await waitFor(() => expect(assignee).toHaveValue('user-admin'));
    expect(screen.queryByRole('button', { name: 'Assign to me' })).not.toBeInTheDocument();

    await user.selectOptions(assignee, 'Giulia Agent');
    await waitFor(() => expect(assignee).toHaveValue('user-agent'));
    await user.selectOptions(assignee, 'Nobody');
    await waitFor(() => expect(assignee).toHaveValue(''));
    expect(bodiesOf(fetchMock, `${C1}/assign`)).toEqual([
      { assigneeId: 'user-admin' },
      { assigneeId: 'user-agent' },
      { assigneeId: null },
    ]);
  });

  it('resolves and reopens the conversation', async () => {
    const { fetchMock, user } = renderInbox(`/w/${SHOP_ID}/inbox/c1`);

    await user.click(await screen.findByRole('button', { name: 'Resolve' }));
    await user.click(await screen.findByRole('button', { name: 'Reopen' }));
    expect(await screen.findByRole('button', { name: 'Resolve' })).toBeInTheDocument();
    expect(callsTo(fetchMock, `${C1}/resolve`, 'POST')).toHaveLength(1);
    expect(callsTo(fetchMock, `${C1}/reopen`, 'POST')).toHaveLength(1);
  });

  it('shows the customer with a link to their page', async () => {
    renderInbox(`/w/${SHOP_ID}/inbox/c1`, {
      conversations: [
        conversation('c1', { customer: { id: 'cust-9', name: 'Maria Rossi', phone: '+393331234567', blocked: true } }),
      ],
    });

    const panel = await screen.findByRole('region', { name: 'Customer' });
    expect(panel).toHaveTextContent('+393331234567');
    expect(within(panel).getByText('Blocked')).toBeInTheDocument();
    expect(within(panel).getByRole('link', { name: 'Open customer page' })).toHaveAttribute(
      'href',
      `/w/${SHOP_ID}/customers/cust-9`,
    );
  });

  it('lists the internal notes, says the customer never sees them, and adds one', async () => {
    const { fetchMock, user } = renderInbox(`/w/${SHOP_ID}/inbox/c1`, {
      notes: [note('n1', 'Cliente abituale, preferisce il ritiro')],
    });

    const panel = await screen.findByRole('region', { name: 'Internal notes' });
    expect(panel).toHaveTextContent('They are never sent to the customer.');
    expect(await within(panel).findByText('Cliente abituale, preferisce il ritiro')).toBeInTheDocument();

    await user.type(within(panel).getByLabelText('New note'), 'Richiamare domani');
    await user.click(within(panel).getByRole('button', { name: 'Add note' }));

    expect(await within(panel).findByText('Richiamare domani')).toBeInTheDocument();
    expect(within(panel).getByLabelText('New note')).toHaveValue('');
    expect(bodiesOf(fetchMock, `${C1}/notes`)).toEqual([{ text: 'Richiamare domani' }]);
    expect(bodiesOf(fetchMock, `${C1}/messages`)).toEqual([]);
  });
});
