import { screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch } from '@/test/fetchMock';
import { giulia, page, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { customersQuery } from './api/customers';

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./CustomersPage')]), 60_000);

describe('customersQuery', () => {
  it('writes the filters the API knows and leaves out empty ones', () => {
    expect(customersQuery({ page: 1, limit: 20 })).toBe('?page=1&limit=20');
    expect(customersQuery({ search: ' rossi ', blocked: false, tag: 'vip', sort: 'name', order: 'asc', page: 2, limit: 20 })).toBe(
      '?search=rossi&blocked=false&tag=vip&sort=name&order=asc&page=2&limit=20',
    );
  });
});

describe('CustomersPage', () => {
  it('lists customers with consent and block status, and filters by search, block and tag', async () => {
    const blocked = { ...giulia, id: 'cust-luca', name: 'Luca Romano', tags: [], blocked: true, gdprConsent: { givenAt: null, version: null } };
    const fetchMock = mockFetch({
      ...meRoute(makeMe('manager')),
      [`GET ${WS}/customers`]: { body: page([giulia, blocked], 24) },
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/customers`);

    const row = (await screen.findByRole('link', { name: 'Luca Romano' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Blocked')).toBeInTheDocument();
    expect(within(row).getByText('No consent')).toBeInTheDocument();
    expect(screen.getByText('Total: 24')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New customer' })).toBeInTheDocument();

    await user.type(screen.getByLabelText('Search'), 'romano');
    await user.selectOptions(screen.getByLabelText('Blocked'), 'Blocked only');
    await user.type(screen.getByLabelText('Tag'), 'vip');
    await waitFor(() => {
      const [url] = callsTo(fetchMock, `${WS}/customers`).at(-1) ?? [];
      expect(String(url)).toBe(`${WS}/customers?search=romano&blocked=true&tag=vip&page=1&limit=20`);
    });
  });
});
