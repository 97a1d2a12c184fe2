import { screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { WhatsAppChannel, WhatsAppChannelInput } from './api/channel';

const CHANNEL = `/api/workspaces/${SHOP_ID}/channels/whatsapp`;

const configured: WhatsAppChannel = {
  configured: true,
  phoneNumberId: '106540352242922',
  businessAccountId: '102290129340398',
  apiBaseUrl: 'https://graph.facebook.com/v21.0',
  enabled: true,
  accessTokenSet: true,
  appSecretSet: false,
  verifyToken: 'a-value-the-admin-pastes',
  webhookUrl: 'http://localhost:8080/webhooks/whatsapp',
  welcomeMessage: 'Benvenuto!',
  inactiveMessage: 'Siamo chiusi.',
  messagesPerSecond: 80,
  abuseMaxMessagesPerMinute: 20,
  abuseBlockMinutes: 60,
  templates: [{ name: 'order_update', language: 'it', body: 'Ciao {{1}}, il tuo ordine è pronto.', parameterCount: 1 }],
  updatedAt: '2026-11-30T10:00:00Z',
};

/** The channel on a fake server: PUT stores it (secrets only as "set"), GET returns it. */
function channelServer(initial: WhatsAppChannel): Record<string, MockRoute> {
  let current = initial;
  return {
    [`GET ${CHANNEL}`]: () => ({ body: current }),
    [`PUT ${CHANNEL}`]: ({ body }) => {
      const { accessToken, appSecret, ...input } = body as WhatsAppChannelInput;
      current = {
        ...current,
        ...input,
        configured: true,
        accessTokenSet: current.accessTokenSet || Boolean(accessToken),
        appSecretSet: current.appSecretSet || Boolean(appSecret),
        updatedAt: '2026-12-01T09:00:00Z',
      };
      return { body: current };
    },
  };
}

function renderChannel(routes: Record<string, MockRoute> = channelServer(configured)) {
  const fetchMock = mockFetch({ ...meRoute(makeMe('admin')), ...routes });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/settings/whatsapp`) };
}

function putBodies(fetchMock: ReturnType<typeof mockFetch>): unknown[] {
  return callsTo(fetchMock, CHANNEL, 'PUT').map(([, init]) => JSON.parse(String(init?.body)));
}

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./ChannelSettingsPage')]), 60_000);

describe('ChannelSettingsPage', () => {
  it('shows the webhook address and verify token to copy', async () => {
    const { user } = renderChannel();

    const webhook = await screen.findByRole('region', { name: 'Webhook' });
    expect(within(webhook).getByLabelText('Callback URL')).toHaveValue('http://localhost:8080/webhooks/whatsapp');
    expect(within(webhook).getByLabelText('Verify token')).toHaveValue('a-value-the-admin-pastes');
    expect(within(webhook).getByText('Configured')).toBeInTheDocument();
    expect(within(webhook).getByText('Enabled')).toBeInTheDocument();

    await user.click(within(webhook).getByRole('button', { name: 'Copy Callback URL' }));
    expect(await navigator.clipboard.readText()).toBe('http://localhost:8080/webhooks/whatsapp');
    expect(await within(webhook).findByRole('button', { name: 'Copy Callback URL' })).toHaveTextContent('Copied');
    await user.click(within(webhook).getByRole('button', { name: 'Copy Verify token' }));
    await waitFor(async () => expect(await navigator.clipboard.readText()).toBe('a-value-the-admin-pastes'));
  });

  it('never fills in the secrets, says whether each is set and leaves an untouched one out', async () => {
    const { fetchMock, user } = renderChannel();

    const token = await screen.findByLabelText('Access token');
    const secret = screen.getByLabelText('App secret');
    expect(token).toHaveValue('');
    expect(token).toHaveAttribute('type', 'password');
    expect(token).toHaveAccessibleDescription(/^Set Stored and never shown/);
    expect(secret).toHaveValue('');
    expect(secret).toHaveAccessibleDescription(/^Not set /);
    expect(screen.getByLabelText('Phone number ID')).toHaveValue('106540352242922');

    await user.type(secret, 'app-secret-value');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('WhatsApp settings saved.')).toBeInTheDocument();
    expect(putBodies(fetchMock)).toEqual([
      {
        enabled: true,
        phoneNumberId: '106540352242922',
        businessAccountId: '102290129340398',
        apiBaseUrl: 'https://graph.facebook.com/v21.0',
        verifyToken: 'a-value-the-admin-pastes',
        welcomeMessage: 'Benvenuto!',
        inactiveMessage: 'Siamo chiusi.',
        messagesPerSecond: 80,
        abuseMaxMessagesPerMinute: 20,
        abuseBlockMinutes: 60,
        templates: [{ name: 'order_update', language: 'it', body: 'Ciao {{1}}, il tuo ordine è pronto.', parameterCount: 1 }],
        appSecret: 'app-secret-value',
      },
    ]);
    // Saved secrets are not shown again: the field is emptied and now says "set".
    await waitFor(() => expect(screen.getByLabelText('App secret')).toHaveValue(''));
    expect(screen.getByLabelText('App secret')).toHaveAccessibleDescription(/^Set /);
  });

  it('checks the fields before saving', async () => {
    const { fetchMock, user } = renderChannel();

    const phoneNumberId = await screen.findByLabelText('Phone number ID');
    await user.clear(phoneNumberId);
    await user.type(phoneNumberId, '10654-abc');
    await user.clear(screen.getByLabelText('Graph API address'));
    await user.type(screen.getByLabelText('Graph API address'), 'graph.facebook.com');
    await user.clear(screen.getByLabelText('Messages per second'));
    await user.type(screen.getByLabelText('Messages per second'), '0');
    await user.clear(screen.getByLabelText('Block duration (minutes)'));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(phoneNumberId).toHaveAccessibleDescription('Use digits only.');
    expect(screen.getByLabelText('Graph API address')).toHaveAccessibleDescription('Enter an address starting with https://.');
    expect(screen.getByLabelText('Messages per second')).toHaveAccessibleDescription('Enter a whole number from 1 to 1000.');
    expect(screen.getByLabelText('Block duration (minutes)')).toHaveAccessibleDescription('This field is required.');
    expect(putBodies(fetchMock)).toEqual([]);
  });

  it('asks for the number and a token before enabling a new channel', async () => {
    const { fetchMock, user } = renderChannel(
      channelServer({
        ...configured,
        configured: false,
        enabled: false,
        phoneNumberId: '',
        businessAccountId: '',
        accessTokenSet: false,
        verifyToken: '',
        templates: [],
        updatedAt: null,
      }),
    );

    expect(await screen.findByText('Not configured')).toBeInTheDocument();
    expect(screen.getByText('Generated when you save the settings.')).toBeInTheDocument();
    await user.click(screen.getByRole('checkbox', { name: 'Answer customers on this number' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(screen.getByLabelText('Phone number ID')).toHaveAccessibleDescription('Needed to enable the channel.');
    expect(screen.getByLabelText('Access token')).toHaveAccessibleDescription('Needed to enable the channel.');
    expect(putBodies(fetchMock)).toEqual([]);

    await user.type(screen.getByLabelText('Phone number ID'), '106540352242922');
    await user.type(screen.getByLabelText('Access token'), 'EAAG-token');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(putBodies(fetchMock)).toHaveLength(1));
    expect(putBodies(fetchMock)[0]).toMatchObject({ enabled: true, phoneNumberId: '106540352242922', accessToken: 'EAAG-token' });
  });

  it('edits the templates: adds one, checks it, removes another', async () => {
    const { fetchMock, user } = renderChannel();

    const templates = await screen.findByRole('region', { name: 'Message templates' });
    await user.click(within(templates).getByRole('button', { name: 'Add template' }));
    await user.type(within(templates).getByLabelText('Template 2 name'), 'Order Update');
    await user.type(within(templates).getByLabelText('Template 2 language'), 'italian');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(within(templates).getByLabelText('Template 2 name')).toHaveAccessibleDescription(
      'Use lowercase letters, digits and underscores, as in Meta’s dashboard.',
    );
    expect(within(templates).getByLabelText('Template 2 language')).toHaveAccessibleDescription(
      'Use a language code such as it or en_US.',
    );
    expect(within(templates).getByLabelText('Template 2 text')).toHaveAccessibleDescription('This field is required.');

    await user.clear(within(templates).getByLabelText('Template 2 name'));
    await user.type(within(templates).getByLabelText('Template 2 name'), 'order_update');
    await user.clear(within(templates).getByLabelText('Template 2 language'));
    await user.type(within(templates).getByLabelText('Template 2 language'), 'it');
    await user.type(within(templates).getByLabelText('Template 2 text'), 'Ordine pronto');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(within(templates).getByLabelText('Template 2 name')).toHaveAccessibleDescription(
      'This template is already in the list in this language.',
    );

    await user.click(within(templates).getByRole('button', { name: 'Remove template 1' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(putBodies(fetchMock)).toHaveLength(1));
    expect(putBodies(fetchMock)[0]).toMatchObject({
      templates: [{ name: 'order_update', language: 'it', body: 'Ordine pronto', parameterCount: 0 }],
    });
  });

  it('puts the field errors of the server on the fields, templates included', async () => {
    const { user } = renderChannel({
      ...channelServer(configured),
      [`PUT ${CHANNEL}`]: problem(422, 'Validation failed', {
        errors: [
          { field: 'phoneNumberId', message: 'Meta does not know this number.' },
          { field: 'templates[0].language', message: 'Unsupported language.' },
        ],
      }),
    });

    await user.click(await screen.findByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Meta does not know this number.')).toBeInTheDocument();
    expect(screen.getByLabelText('Phone number ID')).toHaveAccessibleDescription('Meta does not know this number.');
    expect(screen.getByLabelText('Template 1 language')).toHaveAccessibleDescription('Unsupported language.');
    expect(screen.getByRole('alert')).toHaveTextContent('Could not save the WhatsApp settings.');
  });
});
