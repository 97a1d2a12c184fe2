import { screen, waitFor, within } from '@testing-library/react';
import { installFakeWebSocket, message, reply } from '@/features/inbox/testing';
import { PHONE, sentBodies, simulatorServer, type SimulatorServer } from '@/features/simulator/testing';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { AgentSettings, AgentSettingsInput, PromptVersion } from './api/agent';

const AGENT = `/api/workspaces/${SHOP_ID}/agent`;
const PROMPTS = `${AGENT}/prompts`;

const ALL_TOOLS = [
  'search_products',
  'get_product',
  'list_categories',
  'products_by_category',
  'search_services',
  'search_faq',
  'current_offers',
  'add_to_cart',
  'remove_from_cart',
  'view_cart',
  'apply_promo_code',
  'checkout',
  'order_status',
  'recent_orders',
  'tracking_link',
  'invoice_link',
  'profile_link',
  'contact_operator',
];

const configured: AgentSettings = {
  provider: 'openai-compatible',
  baseUrl: 'http://localhost:11434/v1',
  apiKeySet: true,
  model: 'llama3.1:8b',
  temperature: 0.3,
  maxTokens: 800,
  timeoutMs: 20000,
  enabledTools: ['search_products', 'search_faq', 'add_to_cart', 'contact_operator'],
  availableTools: ALL_TOOLS,
  debug: false,
  systemPrompt: { version: 2, text: 'Sei il commesso di Bottega Italiana.', createdAt: '2026-11-30T10:00:00Z' },
  updatedAt: '2026-11-30T10:00:00Z',
};

const history: PromptVersion[] = [
  {
    version: 2,
    text: 'Sei il commesso di Bottega Italiana.',
    createdBy: 'user-admin',
    createdByName: 'Alessandra Admin',
    restoredFrom: null,
    createdAt: '2026-11-30T10:00:00Z',
    active: true,
  },
  {
    version: 1,
    text: 'Rispondi in italiano, con gentilezza.',
    createdBy: null,
    createdByName: '',
    restoredFrom: null,
    createdAt: '2026-11-29T09:00:00Z',
    active: false,
  },
];

/** The agent on a fake server: PUT stores it (the key only as "set", a changed prompt as a new version), restore copies a version. */
function agentServer(initial: AgentSettings, versions: PromptVersion[] = history): Record<string, MockRoute> {
  let current = initial;
  let items = versions;
  function addVersion(text: string, restoredFrom: number | null) {
    const version = (items[0]?.version ?? 0) + 1;
    const createdAt = '2026-12-01T09:00:00Z';
    items = [
      { version, text, createdBy: 'user-admin', createdByName: 'Alessandra Admin', restoredFrom, createdAt, active: true },
      ...items.map((item) => ({ ...item, active: false })),
    ];
    current = { ...current, systemPrompt: { version, text, createdAt } };
  }
  return {
    [`GET ${AGENT}`]: () => ({ body: current }),
    [`PUT ${AGENT}`]: ({ body }) => {
      const { apiKey, systemPrompt, ...input } = body as AgentSettingsInput;
      current = {
        ...current,
        ...input,
        apiKeySet: apiKey === undefined ? current.apiKeySet : apiKey !== '',
        updatedAt: '2026-12-01T09:00:00Z',
      };
      if (systemPrompt !== undefined && systemPrompt !== current.systemPrompt?.text) addVersion(systemPrompt, null);
      return { body: current };
    },
    [`GET ${PROMPTS}`]: () => ({ body: { items, total: items.length } }),
    [`POST ${PROMPTS}/1/restore`]: () => {
      addVersion(items.find((item) => item.version === 1)?.text ?? '', 1);
      return { body: current };
    },
  };
}

function renderAgent(routes: Record<string, MockRoute> = agentServer(configured)) {
  const fetchMock = mockFetch({ ...meRoute(makeMe('admin')), ...routes });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/settings/agent`) };
}

function putBodies(fetchMock: ReturnType<typeof mockFetch>): unknown[] {
  return callsTo(fetchMock, AGENT, 'PUT').map(([, init]) => JSON.parse(String(init?.body)));
}

beforeEach(() => {
  installFakeWebSocket();
  window.sessionStorage.clear();
});

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./AgentSettingsPage')]), 60_000);

describe('AgentSettingsPage', () => {
  it('shows the provider, the connection, the tools, debug mode and the current prompt', async () => {
    renderAgent();

    expect(await screen.findByRole('heading', { level: 1, name: 'AI agent' })).toBeInTheDocument();
    expect(await screen.findByRole('radio', { name: 'OpenAI-compatible service' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Built-in offline agent' })).toHaveAccessibleDescription(
      /answers from your catalog and FAQs without any external service/i,
    );
    expect(screen.getByLabelText('Base URL')).toHaveValue('http://localhost:11434/v1');
    expect(screen.getByLabelText('Model')).toHaveValue('llama3.1:8b');
    expect(screen.getByLabelText('Temperature')).toHaveValue('0.3');
    expect(screen.getByLabelText('Max tokens')).toHaveValue('800');
    expect(screen.getByLabelText('Timeout (milliseconds)')).toHaveValue('20000');

    const tools = screen.getByRole('region', { name: 'Tools' });
    expect(within(tools).getAllByRole('checkbox')).toHaveLength(18);
    expect(within(tools).getByRole('checkbox', { name: /Search FAQs/ })).toBeChecked();
    expect(within(tools).getByRole('checkbox', { name: /Product details/ })).not.toBeChecked();
    expect(within(tools).getByRole('checkbox', { name: /Search FAQs/ })).toHaveAccessibleDescription(
      /Answers common questions from your FAQs/,
    );
    // Cart, checkout, orders and links are stored but not offered yet.
    const cart = within(tools).getByRole('group', { name: 'Cart and checkout' });
    expect(within(cart).getAllByText('Coming soon')).toHaveLength(5);
    expect(within(tools).getByRole('group', { name: 'Catalog and information' })).not.toHaveTextContent('Coming soon');
    expect(within(tools).getByRole('checkbox', { name: /Add to cart/ })).toBeChecked();

    expect(screen.getByRole('checkbox', { name: 'Debug mode' })).not.toBeChecked();
    expect(screen.getByRole('checkbox', { name: 'Debug mode' })).toHaveAccessibleDescription(/internal note/);
    expect(screen.getByLabelText('Prompt text')).toHaveValue('Sei il commesso di Bottega Italiana.');
    expect(screen.getByText(/^Current version: v2/)).toBeInTheDocument();
  });

  it('hides the connection for the built-in agent and asks for it when switching to a service', async () => {
    const { fetchMock, user } = renderAgent(
      agentServer({ ...configured, provider: 'builtin', baseUrl: '', model: '', apiKeySet: false, systemPrompt: null }, []),
    );

    expect(await screen.findByRole('radio', { name: 'Built-in offline agent' })).toBeChecked();
    expect(screen.queryByLabelText('Base URL')).not.toBeInTheDocument();
    expect(screen.getByText(/^No prompt saved yet/)).toBeInTheDocument();
    expect(await screen.findByText('No versions yet.')).toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'OpenAI-compatible service' }));
    expect(screen.getByLabelText('API key')).toHaveAccessibleDescription(/^Not set /);
    await user.clear(screen.getByLabelText('Temperature'));
    await user.type(screen.getByLabelText('Temperature'), '2.5');
    await user.clear(screen.getByLabelText('Max tokens'));
    await user.type(screen.getByLabelText('Max tokens'), '8');
    await user.clear(screen.getByLabelText('Timeout (milliseconds)'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(screen.getByLabelText('Base URL')).toHaveAccessibleDescription('Needed for an OpenAI-compatible service.');
    expect(screen.getByLabelText('Model')).toHaveAccessibleDescription('Needed for an OpenAI-compatible service.');
    expect(screen.getByLabelText('Temperature')).toHaveAccessibleDescription('Enter a number from 0 to 2, such as 0.3.');
    expect(screen.getByLabelText('Max tokens')).toHaveAccessibleDescription('Enter a whole number from 16 to 32000.');
    expect(screen.getByLabelText('Timeout (milliseconds)')).toHaveAccessibleDescription('This field is required.');

    await user.type(screen.getByLabelText('Base URL'), 'api.openai.com/v1');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByLabelText('Base URL')).toHaveAccessibleDescription(
      'Enter an address starting with http:// or https://.',
    );
    expect(putBodies(fetchMock)).toEqual([]);
  });

  it('needs at least one tool', async () => {
    const { fetchMock, user } = renderAgent(agentServer({ ...configured, enabledTools: ['search_faq'] }));

    await user.click(await screen.findByRole('checkbox', { name: /Search FAQs/ }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Choose at least one tool.')).toBeInTheDocument();
    expect(putBodies(fetchMock)).toEqual([]);
  });

  it('never fills in the API key, leaves an untouched one out, replaces or removes it', async () => {
    const { fetchMock, user } = renderAgent();

    const key = await screen.findByLabelText('API key');
    expect(key).toHaveValue('');
    expect(key).toHaveAttribute('type', 'password');
    expect(key).toHaveAccessibleDescription(/^Set Stored and never shown/);

    // Untouched: the stored key is kept, and the unchanged prompt makes no new version.
    await user.click(screen.getByRole('checkbox', { name: 'Debug mode' }));
    await user.click(within(screen.getByRole('region', { name: 'Tools' })).getByRole('checkbox', { name: /Product details/ }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(await screen.findByText('AI agent settings saved.')).toBeInTheDocument();
    expect(putBodies(fetchMock)[0]).toEqual({
      provider: 'openai-compatible',
      baseUrl: 'http://localhost:11434/v1',
      model: 'llama3.1:8b',
      temperature: 0.3,
      maxTokens: 800,
      timeoutMs: 20000,
      enabledTools: ['search_products', 'get_product', 'search_faq', 'add_to_cart', 'contact_operator'],
      debug: true,
    });

    // Replaced: sent once, then the field is empty again.
    await user.type(screen.getByLabelText('API key'), 'sk-new-key');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(putBodies(fetchMock)).toHaveLength(2));
    expect(putBodies(fetchMock)[1]).toMatchObject({ apiKey: 'sk-new-key' });
    await waitFor(() => expect(screen.getByLabelText('API key')).toHaveValue(''));

    // Removed: sent as an empty key, after which it is "not set".
    await user.click(screen.getByRole('button', { name: 'Remove key' }));
    expect(screen.getByLabelText('API key')).toHaveAccessibleDescription(/The key will be removed when you save/);
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(putBodies(fetchMock)).toHaveLength(3));
    expect(putBodies(fetchMock)[2]).toMatchObject({ apiKey: '' });
    await waitFor(() => expect(screen.getByLabelText('API key')).toHaveAccessibleDescription(/^Not set /));
    expect(screen.queryByRole('button', { name: 'Remove key' })).not.toBeInTheDocument();
  });

  it('saves a changed prompt as a new version and lists it in the history', async () => {
    const { fetchMock, user } = renderAgent();

    const prompt = await screen.findByLabelText('Prompt text');
    await user.clear(prompt);
    await user.type(prompt, 'Sei il commesso di Bottega Italiana. Dai del tu.');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('AI agent settings saved.')).toBeInTheDocument();
    expect(putBodies(fetchMock)[0]).toMatchObject({ systemPrompt: 'Sei il commesso di Bottega Italiana. Dai del tu.' });
    expect(screen.getByText(/^Current version: v3/)).toBeInTheDocument();

    const panel = screen.getByRole('region', { name: 'Prompt history' });
    const v3 = await within(panel).findByRole('listitem', { name: 'Version 3' });
    expect(v3).toHaveTextContent('Active');
    expect(v3).toHaveTextContent('Alessandra Admin');
    expect(within(v3).queryByRole('button', { name: 'Restore version 3' })).not.toBeInTheDocument();
    expect(within(panel).getByRole('listitem', { name: 'Version 2' })).not.toHaveTextContent('Active');
    expect(within(panel).getByRole('button', { name: 'Restore version 2' })).toBeInTheDocument();
  });

  it('shows the history, a version’s text, and restores an older version as a new one', async () => {
    const { fetchMock, user } = renderAgent();

    const panel = await screen.findByRole('region', { name: 'Prompt history' });
    const v2 = await within(panel).findByRole('listitem', { name: 'Version 2' });
    expect(v2).toHaveTextContent('Active');
    const v1 = within(panel).getByRole('listitem', { name: 'Version 1' });
    expect(v1).toHaveTextContent('Unknown author');

    await user.click(within(v1).getByRole('button', { name: 'View version 1' }));
    const dialog = await screen.findByRole('dialog', { name: 'Version 1' });
    expect(dialog).toHaveTextContent('Rispondi in italiano, con gentilezza.');
    await user.click(within(dialog).getByRole('button', { name: 'Close' }));

    await user.click(within(v1).getByRole('button', { name: 'Restore version 1' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Restore version 1?' });
    await user.click(within(confirm).getByRole('button', { name: 'Restore' }));

    expect(await screen.findByText('Version 1 restored as version 3.')).toBeInTheDocument();
    expect(callsTo(fetchMock, `${PROMPTS}/1/restore`, 'POST')).toHaveLength(1);
    await waitFor(() => expect(screen.getByLabelText('Prompt text')).toHaveValue('Rispondi in italiano, con gentilezza.'));
    expect(screen.getByText(/^Current version: v3/)).toBeInTheDocument();
    const v3 = await within(panel).findByRole('listitem', { name: 'Version 3' });
    expect(v3).toHaveTextContent('Restored from v1');
    expect(v3).toHaveTextContent('Active');
  });

  it('puts the field errors of the server on the fields', async () => {
    const { user } = renderAgent({
      ...agentServer(configured),
      [`PUT ${AGENT}`]: problem(422, 'Validation failed', {
        errors: [
          { field: 'model', message: 'is required for an openai-compatible provider' },
          { field: 'enabledTools', message: 'unknown tool: teleport' },
        ],
      }),
    });

    await user.click(await screen.findByRole('button', { name: 'Save settings' }));

    expect(await screen.findByLabelText('Model')).toHaveAccessibleDescription('is required for an openai-compatible provider');
    expect(screen.getByText('unknown tool: teleport')).toBeInTheDocument();
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent('Could not save the AI agent settings.');
  });

  it('lets the Admin try the agent as a customer, tapping its buttons and list rows', async () => {
    const cartButtons = reply('out-1', 'delivered', {
      type: 'interactive',
      text: 'Parmigiano Reggiano DOP 24 mesi, €18.90.',
      authorKind: 'agent',
      authorId: null,
      interactive: {
        type: 'button',
        body: 'Parmigiano Reggiano DOP 24 mesi, €18.90.',
        buttons: [
          { id: 'add:prod-pr24', title: 'Add to cart' },
          { id: 'cart', title: 'View cart' },
          { id: 'checkout', title: 'Checkout' },
        ],
      },
    });
    const categories = reply('out-2', 'delivered', {
      type: 'interactive',
      text: 'Added. Anything else?',
      authorKind: 'agent',
      authorId: null,
      interactive: {
        type: 'list',
        body: 'Added. Anything else?',
        button: 'Categories',
        sections: [
          {
            title: 'Categories',
            rows: [
              { id: 'cat:cheese', title: 'Cheese', description: '12 products' },
              { id: 'cat:cured-meats', title: 'Cured meats', description: '8 products' },
            ],
          },
        ],
      },
    });
    const chat: SimulatorServer = {
      existing: false,
      messages: [],
      answer: (_text, sent) =>
        sent.type === 'text' ? cartButtons : sent.interactive?.type === 'button_reply' ? categories : undefined,
    };
    const { fetchMock, user } = renderAgent({ ...agentServer(configured), ...simulatorServer(chat) });

    const panel = await screen.findByRole('region', { name: 'Try it' });
    expect(panel).toHaveTextContent('It answers with the saved settings');
    expect(within(panel).getByRole('link', { name: 'Open in the test chat' })).toHaveAttribute('href', `/w/${SHOP_ID}/simulator`);
    await user.click(within(panel).getByRole('button', { name: 'Start chatting' }));
    await user.type(within(panel).getByRole('textbox', { name: 'Message' }), 'Avete il parmigiano 24 mesi?');
    await user.click(within(panel).getByRole('button', { name: 'Send' }));

    const buttons = await within(panel).findByRole('list', { name: 'Reply buttons' });
    expect(within(buttons).getAllByRole('button').map((button) => button.textContent)).toEqual([
      'Add to cart',
      'View cart',
      'Checkout',
    ]);
    await user.click(within(buttons).getByRole('button', { name: 'Add to cart' }));

    const rows = await within(panel).findByRole('list', { name: 'Categories' });
    await user.click(within(rows).getByRole('button', { name: /Cured meats/ }));

    await waitFor(() =>
      expect(sentBodies(fetchMock)).toEqual([
        { name: 'Test customer', phone: PHONE, text: 'Avete il parmigiano 24 mesi?' },
        { name: 'Test customer', phone: PHONE, reply: { type: 'button_reply', id: 'add:prod-pr24', title: 'Add to cart' } },
        { name: 'Test customer', phone: PHONE, reply: { type: 'list_reply', id: 'cat:cured-meats', title: 'Cured meats' } },
      ]),
    );
    const thread = within(panel).getByRole('list', { name: 'Chat' });
    await waitFor(() => expect(within(thread).getAllByRole('article')).toHaveLength(5));
    expect(within(thread).getAllByRole('article').at(-1)).toHaveTextContent(/^Chose from listCured meats/);
  });

  it('continues the test chat’s conversation and brings the panel into view from the header', async () => {
    window.sessionStorage.setItem(`shopme.simulator.${SHOP_ID}`, JSON.stringify({ name: 'Luca', phone: PHONE }));
    const chat: SimulatorServer = { existing: true, messages: [message('in-1', { text: 'Buongiorno' })] };
    const { user } = renderAgent({ ...agentServer(configured), ...simulatorServer(chat) });

    const panel = await screen.findByRole('region', { name: 'Try it' });
    expect(await within(panel).findByText('Buongiorno')).toBeInTheDocument();
    expect(within(panel).getByRole('region', { name: 'Simulated phone' })).toHaveTextContent(`You are Luca, ${PHONE}`);

    await user.click(screen.getByRole('button', { name: 'Try it' }));
    expect(within(panel).getByRole('textbox', { name: 'Message' })).toHaveFocus();
  });
});
