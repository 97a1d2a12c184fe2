import { screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { giulia, page, parmigiano, spaghetti, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID, shopWorkspace } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Role } from '@/features/auth/permissions';
import type { CreatedOrder, NewOrder } from './api/orders';
import { orderSummary, paidOrder } from './orderFixtures';

const created: CreatedOrder = {
  ...paidOrder,
  ...orderSummary('ord-9', 'ORD-2026-000009', { status: 'pending_payment', paymentStatus: 'unpaid', total: 4940 }),
  paymentLink: 'https://shop.example/s/tok_pay_9',
  paymentLinkSent: true,
};

/** Customers and active products matching what is searched, and the order created. */
function orderServer(overrides: Record<string, MockRoute> = {}): Record<string, MockRoute> {
  return {
    [`GET ${WS}`]: { body: shopWorkspace },
    [`GET ${WS}/customers`]: ({ url }) => ({ body: page(url.searchParams.get('search') === 'giulia' ? [giulia] : []) }),
    [`GET ${WS}/products`]: ({ url }) => {
      const search = url.searchParams.get('search') ?? '';
      return { body: page([parmigiano, spaghetti].filter((product) => product.name.toLowerCase().includes(search))) };
    },
    [`POST ${WS}/orders`]: { status: 201, body: created },
    [`GET ${WS}/orders/ord-9`]: { body: created },
    [`GET ${WS}/orders`]: { body: page([]) },
    ...overrides,
  };
}

function renderNewOrder(overrides: Record<string, MockRoute> = {}, role: Role = 'manager') {
  const fetchMock = mockFetch({ ...meRoute(makeMe(role)), ...orderServer(overrides) });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/orders/new`) };
}

function postBodies(fetchMock: ReturnType<typeof mockFetch>): NewOrder[] {
  return callsTo(fetchMock, `${WS}/orders`, 'POST').map(([, init]) => JSON.parse(String(init?.body)) as NewOrder);
}

function searches(fetchMock: ReturnType<typeof mockFetch>, path: string): string[] {
  return callsTo(fetchMock, path, 'GET').map(([url]) => new URL(String(url), 'http://localhost').search);
}

type User = ReturnType<typeof renderRoute>['user'];

async function chooseGiulia(user: User) {
  await user.type(await screen.findByLabelText('Find a customer'), 'giulia');
  await user.click(await screen.findByRole('button', { name: 'Choose Giulia Bianchi' }));
}

async function addProduct(user: User, search: string, name: string) {
  await user.type(screen.getByLabelText('Add a product'), search);
  await user.click(await screen.findByRole('button', { name: `Add ${name}` }));
}

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./NewOrderPage'), import('./OrderDetailPage'), import('./OrdersPage')]), 60_000);

describe('NewOrderPage', () => {
  it('is opened from the orders list by those who may create orders', async () => {
    mockFetch({ ...meRoute(makeMe('admin')), ...orderServer() });
    const { user } = renderRoute(`/w/${SHOP_ID}/orders`);

    await user.click(await screen.findByRole('link', { name: 'New order' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'New order' })).toBeInTheDocument();
  });

  it('creates a phone order, then shows it with its payment link to copy', async () => {
    const { fetchMock, router, user } = renderNewOrder();

    await chooseGiulia(user);
    const customer = screen.getByRole('region', { name: 'Customer' });
    expect(customer).toHaveTextContent('Giulia Bianchi');
    expect(customer).toHaveTextContent('+393470000011 · customer1@example.com');
    expect(searches(fetchMock, `${WS}/customers`).at(-1)).toBe('?search=giulia&page=1&limit=8');

    await addProduct(user, 'parm', 'Parmigiano Reggiano DOP 24 mesi');
    expect(searches(fetchMock, `${WS}/products`).at(-1)).toBe('?search=parm&status=active&page=1&limit=8');
    await addProduct(user, 'spa', 'Spaghetti di Gragnano IGP');
    // A product already in the order is not offered again.
    await user.clear(screen.getByLabelText('Add a product'));
    await user.type(screen.getByLabelText('Add a product'), 'parm');
    expect(await screen.findByText('No matching products.')).toBeInTheDocument();

    const items = screen.getByRole('list', { name: 'Items of the order' });
    expect(within(items).getAllByRole('listitem')).toHaveLength(2);
    await user.clear(within(items).getByLabelText('Quantity of Parmigiano Reggiano DOP 24 mesi'));
    await user.type(within(items).getByLabelText('Quantity of Parmigiano Reggiano DOP 24 mesi'), '2');
    await user.click(within(items).getByRole('button', { name: 'Remove Spaghetti di Gragnano IGP' }));
    expect(within(items).getAllByRole('listitem')).toHaveLength(1);

    await user.type(screen.getByLabelText('Promo code'), 'BENVENUTO10');
    await user.type(screen.getByLabelText('Notes'), 'Ordine telefonico, consegna dopo le 18');
    expect(screen.getByRole('checkbox', { name: 'Send the payment link to the customer on WhatsApp' })).toBeChecked();
    await user.click(screen.getByRole('button', { name: 'Create order' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'ORD-2026-000009' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/w/${SHOP_ID}/orders/ord-9`);
    expect(postBodies(fetchMock)).toEqual([
      {
        customerId: giulia.id,
        lines: [{ productId: parmigiano.id, quantity: 2 }],
        promoCode: 'BENVENUTO10',
        notes: 'Ordine telefonico, consegna dopo le 18',
        sendPaymentLink: true,
      },
    ]);
    const link = screen.getByRole('region', { name: 'Payment link' });
    expect(link).toHaveTextContent('Sent to Giulia Bianchi on WhatsApp. You can also copy it.');
    expect(within(link).getByLabelText('Payment link')).toHaveValue('https://shop.example/s/tok_pay_9');
    expect(within(link).getByRole('button', { name: 'Copy Payment link' })).toBeEnabled();
  });

  it('leaves out an empty promo code and notes, and can keep the link from the customer', async () => {
    const { fetchMock, user } = renderNewOrder({ [`POST ${WS}/orders`]: { status: 201, body: { ...created, paymentLinkSent: false } } });

    await chooseGiulia(user);
    await addProduct(user, 'spa', 'Spaghetti di Gragnano IGP');
    await user.click(screen.getByRole('checkbox', { name: 'Send the payment link to the customer on WhatsApp' }));
    await user.click(screen.getByRole('button', { name: 'Create order' }));

    const link = await screen.findByRole('region', { name: 'Payment link' });
    expect(link).toHaveTextContent('Copy it and send it to Giulia Bianchi.');
    expect(postBodies(fetchMock)).toEqual([
      { customerId: giulia.id, lines: [{ productId: spaghetti.id, quantity: 1 }], sendPaymentLink: false },
    ]);
  });

  it('says when the payment link could not go out on WhatsApp', async () => {
    const { user } = renderNewOrder({ [`POST ${WS}/orders`]: { status: 201, body: { ...created, paymentLinkSent: false } } });

    await chooseGiulia(user);
    await addProduct(user, 'spa', 'Spaghetti di Gragnano IGP');
    expect(screen.getByRole('checkbox', { name: 'Send the payment link to the customer on WhatsApp' })).toHaveAccessibleDescription(
      /within 24 hours of the customer’s last message/,
    );
    await user.click(screen.getByRole('button', { name: 'Create order' }));

    const link = await screen.findByRole('region', { name: 'Payment link' });
    expect(link).toHaveTextContent('It could not be sent on WhatsApp: copy it and send it to Giulia Bianchi.');
  });

  it('checks the order before sending it', async () => {
    const { fetchMock, user } = renderNewOrder();

    await user.click(await screen.findByRole('button', { name: 'Create order' }));
    expect(screen.getByLabelText('Find a customer')).toHaveAccessibleDescription('Choose a customer.');
    expect(screen.getByText('Add at least one product.')).toBeInTheDocument();

    await chooseGiulia(user);
    await addProduct(user, 'parm', 'Parmigiano Reggiano DOP 24 mesi');
    expect(screen.queryByText('Add at least one product.')).not.toBeInTheDocument();
    const quantity = screen.getByLabelText('Quantity of Parmigiano Reggiano DOP 24 mesi');
    await user.clear(quantity);
    await user.type(quantity, '0');
    await user.type(screen.getByLabelText('Promo code'), 'X!');
    await user.click(screen.getByRole('button', { name: 'Create order' }));

    expect(quantity).toHaveAccessibleDescription('Enter a whole number from 1 to 10000.');
    expect(screen.getByLabelText('Promo code')).toHaveAccessibleDescription('Use 3 to 40 letters, digits, _ or -.');
    expect(postBodies(fetchMock)).toEqual([]);
  });

  it('puts the server’s field errors on the fields', async () => {
    const { user } = renderNewOrder({
      [`POST ${WS}/orders`]: problem(422, 'Unprocessable Content', {
        errors: [
          { field: 'lines[0].quantity', message: 'exceeds the most one order may take (20)' },
          { field: 'promoCode', message: 'is not an active promo code' },
          { field: 'lines', message: 'an order takes at most 50 lines' },
        ],
      }),
    });

    await chooseGiulia(user);
    await addProduct(user, 'parm', 'Parmigiano Reggiano DOP 24 mesi');
    await user.type(screen.getByLabelText('Promo code'), 'SCADUTO');
    await user.click(screen.getByRole('button', { name: 'Create order' }));

    await waitFor(() =>
      expect(screen.getByLabelText('Quantity of Parmigiano Reggiano DOP 24 mesi')).toHaveAccessibleDescription(
        'exceeds the most one order may take (20)',
      ),
    );
    expect(screen.getByLabelText('Promo code')).toHaveAccessibleDescription('is not an active promo code');
    const alert = screen.getAllByRole('alert')[0];
    expect(alert).toHaveTextContent('Could not create the order.');
    expect(alert).toHaveTextContent('an order takes at most 50 lines');
  });

  it('explains an offer that ran out in the meantime', async () => {
    const { user } = renderNewOrder({
      [`POST ${WS}/orders`]: problem(409, 'Conflict', { code: 'offer-exhausted', detail: 'The offer BENVENUTO10 has no uses left.' }),
    });

    await chooseGiulia(user);
    await addProduct(user, 'parm', 'Parmigiano Reggiano DOP 24 mesi');
    await user.click(screen.getByRole('button', { name: 'Create order' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('An offer ran out in the meantime: create the order again to price it without it.');
    expect(alert).toHaveTextContent('The offer BENVENUTO10 has no uses left.');
  });

  it('names the product that is out of stock', async () => {
    const { router, user } = renderNewOrder({
      [`POST ${WS}/orders`]: problem(409, 'Conflict', {
        code: 'out-of-stock',
        detail: 'Parmigiano Reggiano DOP 24 mesi: only 1 left.',
        errors: [{ field: 'lines[0].quantity', message: 'only 1 left' }],
      }),
    });

    await chooseGiulia(user);
    await addProduct(user, 'parm', 'Parmigiano Reggiano DOP 24 mesi');
    await user.click(screen.getByRole('button', { name: 'Create order' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Not enough stock for this order.');
    expect(alert).toHaveTextContent('Parmigiano Reggiano DOP 24 mesi: only 1 left.');
    expect(screen.getByLabelText('Quantity of Parmigiano Reggiano DOP 24 mesi')).toHaveAccessibleDescription('only 1 left');
    expect(router.state.location.pathname).toBe(`/w/${SHOP_ID}/orders/new`);
  });

  it('is not offered to agents', async () => {
    mockFetch({ ...meRoute(makeMe('agent')), ...orderServer() });
    renderRoute(`/w/${SHOP_ID}/orders`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Orders' })).toBeInTheDocument();
    expect(await screen.findByText('No orders match these filters.')).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'New order' })).not.toBeInTheDocument();
  });

  it('is not open to agents', async () => {
    const { fetchMock } = renderNewOrder({}, 'agent');

    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(callsTo(fetchMock, `${WS}`)).toHaveLength(0);
  });
});
