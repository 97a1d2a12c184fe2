import { screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { PaymentSettings, PaymentSettingsInput } from './api/payments';

const PAYMENTS = `/api/workspaces/${SHOP_ID}/payments`;

const testProvider: PaymentSettings = {
  provider: 'test',
  secretKeySet: false,
  webhookSecretSet: false,
  apiBaseUrl: 'https://api.stripe.com',
  webhookUrl: 'https://shop.example/webhooks/stripe',
};

const stripe: PaymentSettings = { ...testProvider, provider: 'stripe', secretKeySet: true, webhookSecretSet: true };

/** The settings on a fake server: PUT stores them, the secrets only as "set". */
function paymentsServer(initial: PaymentSettings): Record<string, MockRoute> {
  let current = initial;
  return {
    [`GET ${PAYMENTS}`]: () => ({ body: current }),
    [`PUT ${PAYMENTS}`]: ({ body }) => {
      const { provider, secretKey, webhookSecret, apiBaseUrl } = body as PaymentSettingsInput;
      current = {
        ...current,
        provider,
        secretKeySet: current.secretKeySet || Boolean(secretKey),
        webhookSecretSet: current.webhookSecretSet || Boolean(webhookSecret),
        apiBaseUrl: apiBaseUrl ?? current.apiBaseUrl,
      };
      return { body: current };
    },
  };
}

function renderPayments(routes: Record<string, MockRoute> = paymentsServer(testProvider)) {
  const fetchMock = mockFetch({ ...meRoute(makeMe('admin')), ...routes });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/settings/payments`) };
}

function putBodies(fetchMock: ReturnType<typeof mockFetch>): unknown[] {
  return callsTo(fetchMock, PAYMENTS, 'PUT').map(([, init]) => JSON.parse(String(init?.body)));
}

// The page is lazy-loaded: load it before the first test, whose waits are timed.
beforeAll(() => import('./PaymentSettingsPage'), 60_000);

describe('PaymentSettingsPage', () => {
  it('switches from test payments to Stripe, asking for its secrets and showing the webhook to set up', async () => {
    const { fetchMock, user } = renderPayments();

    expect(await screen.findByRole('heading', { level: 1, name: 'Payment settings' })).toBeInTheDocument();
    expect(await screen.findByRole('radio', { name: 'Test payments' })).toBeChecked();
    expect(screen.getByRole('radio', { name: 'Test payments' })).toHaveAccessibleDescription(/No real money/);
    expect(screen.queryByLabelText('Secret key')).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'Stripe webhook' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Stripe' }));
    expect(screen.getByLabelText('Secret key')).toHaveAccessibleDescription(/^Not set Starts with sk_live_/);
    expect(screen.getByLabelText('Webhook signing secret')).toHaveAccessibleDescription(/^Not set Starts with whsec_/);
    expect(screen.getByLabelText('Stripe API address')).toHaveValue('https://api.stripe.com');

    const webhook = screen.getByRole('region', { name: 'Stripe webhook' });
    expect(within(webhook).getByLabelText('Endpoint URL')).toHaveValue('https://shop.example/webhooks/stripe');
    expect(within(webhook).getByRole('button', { name: 'Copy Endpoint URL' })).toBeEnabled();
    expect(within(within(webhook).getByRole('list', { name: 'Events to send' })).getAllByRole('listitem').map((item) => item.textContent)).toEqual([
      'checkout.session.completed',
      'checkout.session.expired',
      'checkout.session.async_payment_succeeded',
      'checkout.session.async_payment_failed',
      'payment_intent.payment_failed',
      'charge.refunded',
    ]);

    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(screen.getByLabelText('Secret key')).toHaveAccessibleDescription('Needed to take payments with Stripe.');
    expect(screen.getByLabelText('Webhook signing secret')).toHaveAccessibleDescription('Needed to take payments with Stripe.');
    expect(putBodies(fetchMock)).toEqual([]);

    await user.type(screen.getByLabelText('Secret key'), 'sk_test_123');
    await user.type(screen.getByLabelText('Webhook signing secret'), 'whsec_456');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Payment settings saved.')).toBeInTheDocument();
    expect(putBodies(fetchMock)).toEqual([
      { provider: 'stripe', secretKey: 'sk_test_123', webhookSecret: 'whsec_456', apiBaseUrl: 'https://api.stripe.com' },
    ]);
    // Write-only: the fields are empty again, and the secrets are now "set".
    expect(screen.getByLabelText('Secret key')).toHaveValue('');
    expect(screen.getByLabelText('Secret key')).toHaveAccessibleDescription(/^Set Stored and never shown/);
    expect(screen.getByLabelText('Webhook signing secret')).toHaveAccessibleDescription(/^Set Stored and never shown/);
  });

  it('keeps stored secrets when left empty, replaces one that is typed', async () => {
    const { fetchMock, user } = renderPayments(paymentsServer(stripe));

    const key = await screen.findByLabelText('Secret key');
    expect(key).toHaveValue('');
    expect(key).toHaveAttribute('type', 'password');
    await user.clear(screen.getByLabelText('Stripe API address'));
    await user.type(screen.getByLabelText('Stripe API address'), 'http://localhost:12111');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(putBodies(fetchMock)).toHaveLength(1));

    await user.type(screen.getByLabelText('Secret key'), 'sk_live_new');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    await waitFor(() => expect(putBodies(fetchMock)).toHaveLength(2));

    expect(putBodies(fetchMock)).toEqual([
      { provider: 'stripe', apiBaseUrl: 'http://localhost:12111' },
      { provider: 'stripe', secretKey: 'sk_live_new', apiBaseUrl: 'http://localhost:12111' },
    ]);
  });

  it('sends only the provider when going back to test payments', async () => {
    const { fetchMock, user } = renderPayments(paymentsServer(stripe));

    await user.type(await screen.findByLabelText('Secret key'), 'sk_test_typed');
    await user.click(screen.getByRole('radio', { name: 'Test payments' }));
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    expect(await screen.findByText('Payment settings saved.')).toBeInTheDocument();
    expect(putBodies(fetchMock)).toEqual([{ provider: 'test' }]);
  });

  it('checks the API address and puts the server’s field errors on the fields', async () => {
    const { fetchMock, user } = renderPayments({
      ...paymentsServer(stripe),
      [`PUT ${PAYMENTS}`]: problem(422, 'Unprocessable Content', {
        errors: [{ field: 'secretKey', message: 'must start with sk_live_ or sk_test_' }],
      }),
    });

    const address = await screen.findByLabelText('Stripe API address');
    await user.clear(address);
    await user.type(address, 'api.stripe.com');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));
    expect(address).toHaveAccessibleDescription('Enter an address starting with http:// or https://.');
    expect(putBodies(fetchMock)).toEqual([]);

    await user.clear(address);
    await user.type(address, 'https://api.stripe.com');
    await user.type(screen.getByLabelText('Secret key'), 'pk_test_wrong');
    await user.click(screen.getByRole('button', { name: 'Save settings' }));

    await waitFor(() => expect(screen.getByLabelText('Secret key')).toHaveAccessibleDescription('must start with sk_live_ or sk_test_'));
    expect(screen.getAllByRole('alert')[0]).toHaveTextContent('Could not save the payment settings.');
  });

  it('is in the sidebar next to the WhatsApp settings, for Admins only', async () => {
    renderPayments();
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
    const links = within(nav)
      .getAllByRole('link')
      .map((link) => link.textContent);
    expect(links.slice(links.indexOf('WhatsApp settings'), links.indexOf('WhatsApp settings') + 2)).toEqual([
      'WhatsApp settings',
      'Payment settings',
    ]);
    expect(within(nav).getByRole('link', { name: 'Payment settings' })).toHaveAttribute('aria-current', 'page');
  });
});
