import { screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch, type MockRoute } from '@/test/fetchMock';
import { giulia, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Role } from '@/features/auth/permissions';
import { orderSummary } from '@/features/orders/orderFixtures';
import type { Customer } from './api/customers';

const CUSTOMER = `${WS}/customers/${giulia.id}`;

/** A customer record on a fake server: PATCH changes it, GET returns it. */
function customerServer(initial: Customer): Record<string, MockRoute> {
  let current = initial;
  return {
    [`GET ${CUSTOMER}`]: () => ({ body: current }),
    [`PATCH ${CUSTOMER}`]: ({ body }) => {
      const changes = body as Partial<Customer>;
      current = { ...current, ...changes };
      if (changes.blocked === false && changes.blockedReason === undefined) current = { ...current, blockedReason: '' };
      return { body: current };
    },
  };
}

function renderCustomer(customer: Customer = giulia, role: Role = 'admin') {
  const fetchMock = mockFetch({ ...meRoute(makeMe(role)), ...customerServer(customer) });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/customers/${customer.id}`) };
}

function patchBodies(fetchMock: ReturnType<typeof mockFetch>): unknown[] {
  return callsTo(fetchMock, CUSTOMER, 'PATCH').map(([, init]) => JSON.parse(String(init?.body)));
}

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./CustomerDetailPage')]), 60_000);

describe('CustomerDetailPage', () => {
  it('blocks a customer with a reason and unblocks them', async () => {
    const { user, fetchMock } = renderCustomer();

    expect(await screen.findByRole('heading', { level: 1, name: 'Giulia Bianchi' })).toBeInTheDocument();
    expect(screen.queryByText('Blocked')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Block' }));
    const dialog = await screen.findByRole('dialog', { name: 'Block Giulia Bianchi?' });
    await user.type(within(dialog).getByLabelText('Reason'), 'Insulti agli operatori');
    await user.click(within(dialog).getByRole('button', { name: 'Block customer' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(screen.getByText('Blocked')).toBeInTheDocument();
    expect(screen.getByText('This customer is blocked: Insulti agli operatori')).toBeInTheDocument();
    expect(patchBodies(fetchMock)).toEqual([{ blocked: true, blockedReason: 'Insulti agli operatori' }]);

    await user.click(screen.getByRole('button', { name: 'Unblock' }));
    expect(await screen.findByRole('button', { name: 'Block' })).toBeInTheDocument();
    expect(screen.queryByText('Blocked')).not.toBeInTheDocument();
    expect(patchBodies(fetchMock)).toEqual([{ blocked: true, blockedReason: 'Insulti agli operatori' }, { blocked: false }]);
  });

  it('shows when and which privacy notice the customer accepted, or that they did not', async () => {
    renderCustomer();
    expect((await screen.findAllByText('Consent given Nov 27, 2026 (version v1)')).length).toBeGreaterThan(0);
  });

  it('says so when there is no consent', async () => {
    renderCustomer({ ...giulia, id: giulia.id, gdprConsent: { givenAt: null, version: null } });
    expect((await screen.findAllByText('No consent')).length).toBeGreaterThan(0);
  });

  it('lists the customer’s orders, linking to their pages, and explains that conversations are empty', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('agent')),
      ...customerServer(giulia),
      [`GET ${CUSTOMER}/orders`]: {
        body: {
          items: [orderSummary('ord-2', 'ORD-2026-000002', { status: 'shipped', total: 1290 }), orderSummary('ord-1', 'ORD-2026-000001')],
          total: 2,
        },
      },
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/customers/${giulia.id}`);

    await user.click(await screen.findByRole('tab', { name: 'Orders' }));
    const orders = await within(screen.getByRole('tabpanel', { name: 'Orders' })).findByRole('table', { name: 'Orders' });
    const row = within(orders).getByRole('link', { name: 'ORD-2026-000002' }).closest('tr') as HTMLElement;
    expect(within(row).getByRole('link', { name: 'ORD-2026-000002' })).toHaveAttribute('href', `/w/${SHOP_ID}/orders/ord-2`);
    expect(within(row).getByText('Shipped')).toBeInTheDocument();
    expect(within(row).getByText('€12.90')).toBeInTheDocument();
    expect(within(orders).getByRole('link', { name: 'ORD-2026-000001' })).toHaveAttribute('href', `/w/${SHOP_ID}/orders/ord-1`);

    await user.click(screen.getByRole('tab', { name: 'Conversations' }));
    expect(screen.getByRole('tabpanel', { name: 'Conversations' })).toHaveTextContent('No conversations yet');
    const paths = fetchMock.mock.calls.map(([url]) => new URL(String(url), 'http://localhost').pathname);
    expect(new Set(paths)).toEqual(new Set(['/api/auth/me', CUSTOMER, `${CUSTOMER}/orders`]));
  });

  it('says when the customer has no orders yet', async () => {
    mockFetch({ ...meRoute(makeMe('admin')), ...customerServer(giulia), [`GET ${CUSTOMER}/orders`]: { body: { items: [], total: 0 } } });
    const { user } = renderRoute(`/w/${SHOP_ID}/customers/${giulia.id}`);

    await user.click(await screen.findByRole('tab', { name: 'Orders' }));
    expect(await screen.findByText('No orders yet')).toBeInTheDocument();
  });

  it('saves the profile with addresses and tags, removing a cleared email', async () => {
    const { user, fetchMock } = renderCustomer({ ...giulia, shippingAddress: { line1: 'Via Roma 1', floor: '2' } });

    const profile = await screen.findByRole('tabpanel', { name: 'Profile' });
    await user.clear(within(profile).getByLabelText('Email'));
    await user.clear(within(profile).getByLabelText('Tags'));
    await user.type(within(profile).getByLabelText('Tags'), 'vip, newsletter, vip');
    const shipping = within(profile).getByRole('group', { name: 'Shipping address' });
    await user.type(within(shipping).getByLabelText('City'), 'Milano');
    await user.type(within(shipping).getByLabelText('Postal code'), '20121');
    await user.type(within(shipping).getByLabelText('Country'), 'IT');
    await user.click(within(profile).getByRole('button', { name: 'Save changes' }));

    expect(await within(profile).findByText('Customer saved.')).toBeInTheDocument();
    expect(patchBodies(fetchMock)[0]).toEqual({
      name: 'Giulia Bianchi',
      email: '',
      phone: '+393470000011',
      language: 'it',
      company: '',
      tags: ['vip', 'newsletter'],
      pushOptIn: false,
      notes: '',
      shippingAddress: { line1: 'Via Roma 1', floor: '2', city: 'Milano', postalCode: '20121', country: 'IT' },
      billingAddress: {},
    });
  });

  it('checks the phone format before saving', async () => {
    const { user, fetchMock } = renderCustomer();

    const phone = await screen.findByLabelText('Phone');
    await user.clear(phone);
    await user.type(phone, '347 123');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(phone).toHaveAccessibleDescription('Use the international format, e.g. +393471234567.');
    expect(patchBodies(fetchMock)).toEqual([]);
  });

  it('shows an Agent the profile read-only, without block or delete', async () => {
    renderCustomer(giulia, 'agent');

    expect(await screen.findByLabelText('Name')).toBeDisabled();
    expect(screen.queryByRole('button', { name: 'Block' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete customer' })).not.toBeInTheDocument();
  });
});
