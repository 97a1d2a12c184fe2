import { act, screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { giulia, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { FakeWebSocket, installFakeWebSocket } from '@/features/inbox/testing';
import type { Role } from '@/features/auth/permissions';
import type { Order, OrderStatus } from './api/orders';
import { paidOrder } from './orderFixtures';

const ORDER = `${WS}/orders/${paidOrder.id}`;

/** An order on a fake server: status changes and tracking update it, GET returns it. */
function orderServer(initial: Order, overrides: Record<string, MockRoute> = {}): Record<string, MockRoute> {
  let current = initial;
  return {
    [`GET ${ORDER}`]: () => ({ body: current }),
    [`POST ${ORDER}/status`]: ({ body }) => {
      const { status, note } = body as { status: OrderStatus; note: string };
      const event = {
        from: current.status,
        to: status,
        actorKind: 'operator' as const,
        actorId: 'user-admin',
        actorName: 'Alessandra Admin',
        note,
        at: '2026-11-30T12:00:00Z',
      };
      current = { ...current, status, events: [...current.events, event] };
      return { body: current };
    },
    [`POST ${ORDER}/tracking`]: ({ body }) => {
      const { trackingNumber, trackingUrl } = body as { trackingNumber: string; trackingUrl: string };
      current = { ...current, trackingNumber, trackingUrl: trackingUrl || null };
      return { body: current };
    },
    [`POST ${ORDER}/refund`]: ({ body }) => {
      const { reason } = body as { reason: string };
      const event = {
        from: current.status,
        to: 'refunded' as const,
        actorKind: 'operator' as const,
        actorId: 'user-manager',
        actorName: 'Marco Manager',
        note: reason,
        at: '2026-11-30T12:00:00Z',
      };
      current = { ...current, status: 'refunded', paymentStatus: 'refunded', events: [...current.events, event] };
      return { body: current };
    },
    ...overrides,
  };
}

function renderOrder(order: Order = paidOrder, role: Role = 'admin', overrides: Record<string, MockRoute> = {}) {
  const fetchMock = mockFetch({ ...meRoute(makeMe(role)), ...orderServer(order, overrides) });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/orders/${order.id}`) };
}

function bodies(fetchMock: ReturnType<typeof mockFetch>, path: string): unknown[] {
  return callsTo(fetchMock, path, 'POST').map(([, init]) => JSON.parse(String(init?.body)));
}

async function actionButtons(): Promise<string[]> {
  await screen.findByRole('heading', { level: 1, name: paidOrder.code });
  const card = screen.queryByRole('region', { name: 'Next step' });
  return card ? within(card).getAllByRole('button').map((button) => button.textContent ?? '') : [];
}

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./OrderDetailPage'), import('./OrdersPage')]), 60_000);

describe('OrderDetailPage', () => {
  beforeEach(() => {
    installFakeWebSocket();
  });

  it('shows the payment as soon as the server says the order is paid, with its invoice', async () => {
    let current: Order = { ...paidOrder, status: 'pending_payment', paymentStatus: 'unpaid', invoiceNumber: null };
    renderOrder(current, 'agent', { [`GET ${ORDER}`]: () => ({ body: current }) });

    await screen.findByRole('heading', { level: 1, name: paidOrder.code });
    expect(screen.queryByRole('link', { name: /Invoice PDF/ })).not.toBeInTheDocument();

    current = { ...paidOrder, invoiceNumber: 'FT-2026-0042' };
    act(() =>
      FakeWebSocket.latest().receive({
        type: 'order.updated',
        workspaceId: SHOP_ID,
        conversationId: 'conv-1',
        orderId: paidOrder.id,
        status: 'paid',
      }),
    );
    expect(await screen.findByRole('link', { name: 'Invoice PDF (FT-2026-0042)' })).toBeInTheDocument();
  });

  it('shows the header, lines, totals, shipping address and history', async () => {
    renderOrder();

    expect(await screen.findByRole('heading', { level: 1, name: 'ORD-2026-000001' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Giulia Bianchi' })).toHaveAttribute('href', `/w/${SHOP_ID}/customers/${giulia.id}`);
    expect(screen.getByRole('link', { name: '← Orders' })).toHaveAttribute('href', `/w/${SHOP_ID}/orders`);

    const lines = screen.getByRole('table', { name: 'Items' });
    const spaghetti = within(lines).getByText('Spaghetti di Gragnano IGP').closest('tr') as HTMLElement;
    expect([...spaghetti.querySelectorAll('td')].map((cell) => cell.textContent)).toEqual([
      'Spaghetti di Gragnano IGP',
      'PAS-SPA',
      '€3.90',
      '3',
      '-€1.17',
      '€10.53',
    ]);
    const parmigiano = within(lines).getByText('Parmigiano Reggiano DOP 24 mesi').closest('tr') as HTMLElement;
    expect(within(parmigiano).getByText('—')).toBeInTheDocument();

    const totals = screen.getByLabelText('Totals');
    const rows = [...totals.querySelectorAll('dt')].map((term) => `${term.textContent}: ${term.nextElementSibling?.textContent}`);
    expect(rows).toEqual([
      'Subtotal: €48.33',
      'Discount (BENVENUTO10): -€4.83',
      'Shipping: €5.90',
      'Total: €49.40',
      'Tax included: €4.00',
    ]);

    const shipping = screen.getByRole('region', { name: 'Shipping address' });
    expect(shipping).toHaveTextContent('Via Roma 1');
    expect(shipping).toHaveTextContent('20121 Milano');

    const history = within(screen.getByRole('region', { name: 'History' })).getAllByRole('listitem');
    expect(history).toHaveLength(2);
    expect(history[0]).toHaveTextContent('Created as Awaiting payment');
    expect(history[0]).toHaveTextContent('AI agent');
    expect(history[1]).toHaveTextContent('Awaiting payment → Paid');
    expect(history[1]).toHaveTextContent('Marco Manager');
    expect(history[1]).toHaveTextContent('Bonifico ricevuto');
    expect(within(history[1] as HTMLElement).getByText(/2026/).closest('time')).toHaveAttribute('dateTime', '2026-11-30T11:00:00Z');
  });

  it.each<[Role, OrderStatus, string[]]>([
    ['admin', 'pending_payment', ['Mark paid', 'Cancel order']],
    ['manager', 'paid', ['Start processing', 'Mark shipped', 'Cancel order']],
    ['manager', 'processing', ['Mark shipped', 'Cancel order']],
    ['agent', 'pending_payment', []],
    ['agent', 'paid', ['Start processing', 'Mark shipped']],
    ['agent', 'processing', ['Mark shipped']],
    ['agent', 'shipped', ['Mark delivered']],
    ['admin', 'delivered', []],
    ['admin', 'cancelled', []],
  ])('offers a %s the steps the domain allows from %s', async (role, status, expected) => {
    renderOrder({ ...paidOrder, status }, role);

    expect(await actionButtons()).toEqual(expected);
  });

  it('moves the order along with a note and a WhatsApp message, then shows the new status and history', async () => {
    const { user, fetchMock } = renderOrder(paidOrder, 'agent');

    const card = await screen.findByRole('region', { name: 'Next step' });
    await user.type(within(card).getByLabelText('Note'), 'Pacco pronto');
    await user.click(within(card).getByLabelText('Tell the customer on WhatsApp'));
    await user.click(within(card).getByRole('button', { name: 'Start processing' }));

    expect(await screen.findByText('Status changed to Processing.')).toBeInTheDocument();
    expect(bodies(fetchMock, `${ORDER}/status`)).toEqual([{ status: 'processing', note: 'Pacco pronto', notifyCustomer: true }]);
    const history = within(screen.getByRole('region', { name: 'History' })).getAllByRole('listitem');
    expect(history.at(-1)).toHaveTextContent('Paid → Processing');
    expect(history.at(-1)).toHaveTextContent('Pacco pronto');
    expect(await actionButtons()).toEqual(['Mark shipped']);
  });

  it('asks before cancelling and sends nothing when the order is kept', async () => {
    const { user, fetchMock } = renderOrder(paidOrder, 'manager');

    await user.click(await screen.findByRole('button', { name: 'Cancel order' }));
    let dialog = await screen.findByRole('alertdialog', { name: 'Cancel ORD-2026-000001?' });
    await user.click(within(dialog).getByRole('button', { name: 'Keep the order' }));
    expect(bodies(fetchMock, `${ORDER}/status`)).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Cancel order' }));
    dialog = await screen.findByRole('alertdialog', { name: 'Cancel ORD-2026-000001?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel order' }));

    expect(await screen.findByText('Status changed to Cancelled.')).toBeInTheDocument();
    expect(bodies(fetchMock, `${ORDER}/status`)).toEqual([{ status: 'cancelled', note: '', notifyCustomer: false }]);
    expect(screen.queryByRole('region', { name: 'Next step' })).not.toBeInTheDocument();
  });

  it('shows why the server refused a transition', async () => {
    const { user } = renderOrder(paidOrder, 'admin', {
      [`POST ${ORDER}/status`]: problem(409, 'Conflict', { detail: 'An order that is shipped cannot become shipped.' }),
    });

    await user.click(await screen.findByRole('button', { name: 'Mark shipped' }));

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not change the status.');
    expect(alert).toHaveTextContent('An order that is shipped cannot become shipped.');
    expect(screen.getAllByText('Paid').length).toBeGreaterThan(0);
  });

  it('checks the tracking form, then saves it and tells the customer', async () => {
    const { user, fetchMock } = renderOrder(paidOrder, 'agent');

    const card = await screen.findByRole('region', { name: 'Tracking' });
    expect(within(card).getByText('No tracking number yet.')).toBeInTheDocument();
    await user.type(within(card).getByLabelText('Tracking link'), 'brt.it/track');
    await user.click(within(card).getByRole('button', { name: 'Save tracking' }));

    expect(within(card).getByLabelText('Tracking number')).toHaveAccessibleDescription('This field is required.');
    expect(within(card).getByLabelText('Tracking link')).toHaveAccessibleDescription('Enter an address starting with http:// or https://.');
    expect(bodies(fetchMock, `${ORDER}/tracking`)).toEqual([]);

    await user.type(within(card).getByLabelText('Tracking number'), 'BRT123');
    await user.clear(within(card).getByLabelText('Tracking link'));
    await user.type(within(card).getByLabelText('Tracking link'), 'https://brt.it/t/BRT123');
    await user.click(within(card).getByLabelText('Tell the customer on WhatsApp'));
    await user.click(within(card).getByRole('button', { name: 'Save tracking' }));

    await waitFor(() =>
      expect(bodies(fetchMock, `${ORDER}/tracking`)).toEqual([
        { trackingNumber: 'BRT123', trackingUrl: 'https://brt.it/t/BRT123', notifyCustomer: true },
      ]),
    );
    const saved = await screen.findByRole('region', { name: 'Tracking' });
    expect(await within(saved).findByRole('link', { name: 'BRT123' })).toHaveAttribute('href', 'https://brt.it/t/BRT123');
  });

  it('puts the server’s field errors on the tracking fields', async () => {
    const { user } = renderOrder(paidOrder, 'admin', {
      [`POST ${ORDER}/tracking`]: problem(422, 'Invalid input', { errors: [{ field: 'trackingNumber', message: 'is too long' }] }),
    });

    const card = await screen.findByRole('region', { name: 'Tracking' });
    await user.type(within(card).getByLabelText('Tracking number'), 'BRT123');
    await user.click(within(card).getByRole('button', { name: 'Save tracking' }));

    await waitFor(() => expect(within(card).getByLabelText('Tracking number')).toHaveAccessibleDescription('is too long'));
  });

  it('says so when the order does not exist', async () => {
    mockFetch({ ...meRoute(makeMe('admin')), [`GET ${WS}/orders/missing`]: problem(404, 'Not Found', { detail: 'No such order.' }) });
    renderRoute(`/w/${SHOP_ID}/orders/missing`);

    expect(await screen.findByText('Could not load the order.')).toBeInTheDocument();
    expect(screen.getByText('No such order.')).toBeInTheDocument();
  });

  it('refunds a paid order with a reason, after asking', async () => {
    const { user, fetchMock } = renderOrder(paidOrder, 'manager');

    const card = await screen.findByRole('region', { name: 'Refund' });
    await user.click(within(card).getByRole('button', { name: 'Refund €49.40' }));
    expect(within(card).getByLabelText('Reason')).toHaveAccessibleDescription('This field is required.');
    expect(screen.queryByRole('alertdialog')).not.toBeInTheDocument();

    await user.type(within(card).getByLabelText('Reason'), 'Formaggio arrivato rovinato');
    await user.click(within(card).getByRole('button', { name: 'Refund €49.40' }));
    let dialog = await screen.findByRole('alertdialog', { name: 'Refund ORD-2026-000001?' });
    expect(dialog).toHaveTextContent('€49.40 goes back to the customer. This cannot be undone.');
    await user.click(within(dialog).getByRole('button', { name: 'Don’t refund' }));
    expect(bodies(fetchMock, `${ORDER}/refund`)).toEqual([]);

    await user.click(within(card).getByRole('button', { name: 'Refund €49.40' }));
    dialog = await screen.findByRole('alertdialog', { name: 'Refund ORD-2026-000001?' });
    await user.click(within(dialog).getByRole('button', { name: 'Refund' }));

    expect(await screen.findByText('Order refunded: €49.40 goes back to the customer.')).toBeInTheDocument();
    expect(bodies(fetchMock, `${ORDER}/refund`)).toEqual([{ reason: 'Formaggio arrivato rovinato' }]);
    expect(screen.queryByRole('region', { name: 'Refund' })).not.toBeInTheDocument();
    const history = within(screen.getByRole('region', { name: 'History' })).getAllByRole('listitem');
    expect(history.at(-1)).toHaveTextContent('Paid → Refunded');
    expect(history.at(-1)).toHaveTextContent('Formaggio arrivato rovinato');
  });

  it('can tell the customer about the refund on WhatsApp', async () => {
    const { user, fetchMock } = renderOrder(paidOrder, 'admin');

    const card = await screen.findByRole('region', { name: 'Refund' });
    await user.type(within(card).getByLabelText('Reason'), 'Reso');
    await user.click(within(card).getByLabelText('Tell the customer on WhatsApp'));
    await user.click(within(card).getByRole('button', { name: 'Refund €49.40' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Refund' }));

    await screen.findByText('Order refunded: €49.40 goes back to the customer.');
    expect(bodies(fetchMock, `${ORDER}/refund`)).toEqual([{ reason: 'Reso', notifyCustomer: true }]);
  });

  it('shows why the payment provider refused a refund', async () => {
    const { user } = renderOrder(paidOrder, 'admin', {
      [`POST ${ORDER}/refund`]: problem(409, 'Conflict', { detail: 'The payment was made by bank transfer: refund it from your bank.' }),
    });

    const card = await screen.findByRole('region', { name: 'Refund' });
    await user.type(within(card).getByLabelText('Reason'), 'Reso');
    await user.click(within(card).getByRole('button', { name: 'Refund €49.40' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Refund' }));

    const alert = await within(card).findByRole('alert');
    expect(alert).toHaveTextContent('Could not refund the order.');
    expect(alert).toHaveTextContent('The payment was made by bank transfer: refund it from your bank.');
  });

  it.each<[Role, Partial<Order>]>([
    ['agent', {}],
    ['admin', { status: 'pending_payment', paymentStatus: 'unpaid' }],
    ['admin', { status: 'refunded', paymentStatus: 'refunded' }],
  ])('offers no refund to a %s for %o', async (role, changes) => {
    renderOrder({ ...paidOrder, ...changes }, role);

    await screen.findByRole('heading', { level: 1, name: paidOrder.code });
    expect(screen.queryByRole('region', { name: 'Refund' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^Refund/ })).not.toBeInTheDocument();
  });

  it('links the invoice PDF once the order has an invoice', async () => {
    renderOrder({ ...paidOrder, invoiceNumber: 'FT-2026-0042' }, 'agent');

    const link = await screen.findByRole('link', { name: 'Invoice PDF (FT-2026-0042)' });
    expect(link).toHaveAttribute('href', `${ORDER}/invoice.pdf`);
  });

  it('has no invoice link before the invoice is issued', async () => {
    renderOrder({ ...paidOrder, invoiceNumber: null });

    await screen.findByRole('heading', { level: 1, name: paidOrder.code });
    expect(screen.queryByRole('link', { name: /Invoice PDF/ })).not.toBeInTheDocument();
  });
});
