import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch, problem } from '@/test/fetchMock';
import { giulia, page, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { FakeWebSocket, installFakeWebSocket } from '@/features/inbox/testing';
import { ordersQuery } from './api/orders';
import { orderSummary } from './orderFixtures';

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./OrdersPage'), import('./OrderDetailPage')]), 60_000);

function lastListUrl(fetchMock: ReturnType<typeof mockFetch>): string {
  const [url] = callsTo(fetchMock, `${WS}/orders`).at(-1) ?? [];
  return String(url);
}

describe('ordersQuery', () => {
  it('writes the filters the API knows and leaves out empty ones', () => {
    expect(ordersQuery({ page: 1, limit: 20 })).toBe('?page=1&limit=20');
    expect(ordersQuery({ search: ' ORD-2026 ', status: 'shipped', customerId: giulia.id, page: 2, limit: 20 })).toBe(
      `?search=ORD-2026&status=shipped&customerId=${giulia.id}&page=2&limit=20`,
    );
    expect(ordersQuery({ from: '2026-11-01', to: '2026-11-30', page: 1, limit: 20 })).toBe(
      '?from=2026-11-01&to=2026-11-30&page=1&limit=20',
    );
  });
});

describe('OrdersPage', () => {
  beforeEach(() => {
    installFakeWebSocket();
  });

  it('shows an order as paid as soon as the server says so, without a reload', async () => {
    let orders = [orderSummary('ord-2', 'ORD-2026-000002', { status: 'pending_payment', paymentStatus: 'unpaid' })];
    mockFetch({
      ...meRoute(makeMe('agent')),
      [`GET ${WS}/orders`]: () => ({ body: page(orders) }),
    });
    renderRoute(`/w/${SHOP_ID}/orders`);

    const row = (await screen.findByRole('link', { name: 'ORD-2026-000002' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Awaiting payment')).toBeInTheDocument();
    expect(FakeWebSocket.latest().url).toMatch(new RegExp(`/ws\\?workspaceId=${SHOP_ID}$`));

    orders = [orderSummary('ord-2', 'ORD-2026-000002')];
    act(() =>
      FakeWebSocket.latest().receive({
        type: 'order.updated',
        workspaceId: SHOP_ID,
        conversationId: 'conv-1',
        orderId: 'ord-2',
        status: 'paid',
      }),
    );
    await waitFor(() => expect(within(row).getAllByText('Paid')).toHaveLength(2));
    expect(screen.queryByRole('status')).not.toBeInTheDocument();
  });

  it('lists orders with their customer, status, payment, total and date', async () => {
    const pending = orderSummary('ord-2', 'ORD-2026-000002', {
      customer: { id: 'cust-luca', name: 'Luca Romano' },
      status: 'pending_payment',
      paymentStatus: 'unpaid',
      total: 123456,
    });
    mockFetch({
      ...meRoute(makeMe('agent')),
      [`GET ${WS}/orders`]: { body: page([orderSummary('ord-1', 'ORD-2026-000001'), pending]) },
    });
    renderRoute(`/w/${SHOP_ID}/orders`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Orders' })).toBeInTheDocument();
    const row = (await screen.findByRole('link', { name: 'ORD-2026-000002' })).closest('tr') as HTMLElement;
    expect(within(row).getByRole('link', { name: 'ORD-2026-000002' })).toHaveAttribute('href', `/w/${SHOP_ID}/orders/ord-2`);
    expect(within(row).getByRole('link', { name: 'Luca Romano' })).toHaveAttribute('href', `/w/${SHOP_ID}/customers/cust-luca`);
    expect(within(row).getByText('Awaiting payment')).toBeInTheDocument();
    expect(within(row).getByText('Unpaid')).toBeInTheDocument();
    expect(within(row).getByText('€1,234.56')).toBeInTheDocument();
    expect(within(row).getByText('Nov 30, 2026')).toBeInTheDocument();

    const first = screen.getByRole('link', { name: 'ORD-2026-000001' }).closest('tr') as HTMLElement;
    expect(within(first).getAllByText('Paid')).toHaveLength(2);
    expect(within(first).getByText('€37.80')).toBeInTheDocument();
  });

  it('searches by code or customer and filters by status', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`GET ${WS}/orders`]: { body: page([orderSummary('ord-1', 'ORD-2026-000001')]) },
    });
    const { router, user } = renderRoute(`/w/${SHOP_ID}/orders`);

    await screen.findByRole('link', { name: 'ORD-2026-000001' });
    await user.type(screen.getByLabelText('Search'), 'bianchi');
    await waitFor(() => expect(lastListUrl(fetchMock)).toBe(`${WS}/orders?search=bianchi&page=1&limit=20`));
    await user.selectOptions(screen.getByLabelText('Status'), 'Shipped');
    await waitFor(() => expect(lastListUrl(fetchMock)).toBe(`${WS}/orders?search=bianchi&status=shipped&page=1&limit=20`));
    expect(router.state.location.search).toBe('?search=bianchi&status=shipped');
  });

  it('filters by the days the orders were placed on, kept in the link', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`GET ${WS}/orders`]: { body: page([orderSummary('ord-1', 'ORD-2026-000001')]) },
    });
    const { router } = renderRoute(`/w/${SHOP_ID}/orders?status=paid`);

    await screen.findByRole('link', { name: 'ORD-2026-000001' });
    const from = screen.getByLabelText('From');
    const to = screen.getByLabelText('To');
    expect(from).toHaveAttribute('type', 'date');
    fireEvent.change(from, { target: { value: '2026-11-01' } });
    await waitFor(() => expect(lastListUrl(fetchMock)).toBe(`${WS}/orders?status=paid&from=2026-11-01&page=1&limit=20`));
    fireEvent.change(to, { target: { value: '2026-11-30' } });
    await waitFor(() =>
      expect(lastListUrl(fetchMock)).toBe(`${WS}/orders?status=paid&from=2026-11-01&to=2026-11-30&page=1&limit=20`),
    );
    expect(router.state.location.search).toBe('?status=paid&from=2026-11-01&to=2026-11-30');
    expect(to).toHaveAttribute('min', '2026-11-01');
    expect(from).toHaveAttribute('max', '2026-11-30');

    // An end before the start is pointed out and left out of the request.
    fireEvent.change(to, { target: { value: '2026-10-15' } });
    expect(await screen.findByText('This date is before the start date.')).toBeInTheDocument();
    expect(to).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => expect(lastListUrl(fetchMock)).toBe(`${WS}/orders?status=paid&from=2026-11-01&page=1&limit=20`));

    // Cleared, the filter goes away from the link too.
    fireEvent.change(to, { target: { value: '' } });
    fireEvent.change(from, { target: { value: '' } });
    await waitFor(() => expect(router.state.location.search).toBe('?status=paid'));
    expect(screen.queryByText('This date is before the start date.')).not.toBeInTheDocument();
  });

  it('opens with the days of a shared link, ignoring malformed ones, and shows the server’s field errors there', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`GET ${WS}/orders`]: problem(422, 'Unprocessable Content', {
        errors: [{ field: 'from', message: 'must be a real day' }],
      }),
    });
    renderRoute(`/w/${SHOP_ID}/orders?from=2026-02-30&to=yesterday`);

    const from = await screen.findByLabelText('From');
    await waitFor(() => expect(from).toHaveAccessibleDescription('must be a real day'));
    expect(from).toHaveValue('');
    expect(screen.getByLabelText('To')).toHaveValue('');
    expect(lastListUrl(fetchMock)).toBe(`${WS}/orders?from=2026-02-30&page=1&limit=20`);
  });

  it('pages through the orders', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('manager')),
      [`GET ${WS}/orders`]: ({ url }) => {
        const number = Number(url.searchParams.get('page'));
        return { body: page([orderSummary(`ord-p${number}`, `ORD-2026-00000${number}`)], 45, number) };
      },
    });
    const { router, user } = renderRoute(`/w/${SHOP_ID}/orders`);

    expect(await screen.findByText('Total: 45')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByRole('link', { name: 'ORD-2026-000002' })).toBeInTheDocument();
    expect(screen.getByText('Page 2 of 3')).toBeInTheDocument();
    expect(lastListUrl(fetchMock)).toBe(`${WS}/orders?page=2&limit=20`);
    expect(router.state.location.search).toBe('?page=2');
  });

  it('explains a failed load with the server’s words', async () => {
    mockFetch({
      ...meRoute(makeMe('admin')),
      [`GET ${WS}/orders`]: problem(503, 'Service Unavailable', { detail: 'The database is busy.' }),
    });
    renderRoute(`/w/${SHOP_ID}/orders`);

    expect(await screen.findByText('Could not load the orders.')).toBeInTheDocument();
    expect(screen.getByText('The database is busy.')).toBeInTheDocument();
  });
});
