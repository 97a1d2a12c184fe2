import { screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch, type MockRoute } from '@/test/fetchMock';
import { catalogRoutes, page, parmigiano, product, spaghetti, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Role } from '@/features/auth/permissions';
import { productsQuery } from './api/products';

function renderProducts(routes: Record<string, MockRoute> = {}, role: Role = 'admin', search = '') {
  const fetchMock = mockFetch({
    ...meRoute(makeMe(role)),
    ...catalogRoutes(),
    [`GET ${WS}/products`]: { body: page([parmigiano, spaghetti], 2) },
    ...routes,
  });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/products${search}`) };
}

/** The query strings of the product list requests, in order. */
function listQueries(fetchMock: ReturnType<typeof mockFetch>): string[] {
  return callsTo(fetchMock, `${WS}/products`, 'GET').map(([url]) => new URL(String(url), 'http://localhost').search);
}

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./ProductsPage')]), 60_000);

describe('productsQuery', () => {
  it('leaves out empty filters and the sub-category switch without a category', () => {
    expect(productsQuery({ page: 1, limit: 20, search: '  ', includeSubcategories: false })).toBe('?page=1&limit=20');
  });

  it('writes every filter the API knows', () => {
    expect(
      productsQuery({
        search: ' parmigano ',
        status: 'active',
        categoryId: 'cat-formaggi',
        includeSubcategories: true,
        minPrice: 1000,
        maxPrice: 2550,
        sort: 'price',
        order: 'desc',
        page: 2,
        limit: 20,
      }),
    ).toBe(
      '?search=parmigano&status=active&categoryId=cat-formaggi&includeSubcategories=true&minPrice=1000&maxPrice=2550&sort=price&order=desc&page=2&limit=20',
    );
  });
});

describe('ProductsPage', () => {
  it('lists the products with their category path, price and status', async () => {
    renderProducts();

    const row = (await screen.findByRole('link', { name: 'Parmigiano Reggiano DOP 24 mesi' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('Formaggi › Formaggi stagionati')).toBeInTheDocument();
    expect(within(row).getByText('€18.90')).toBeInTheDocument();
    expect(within(row).getByText('Active')).toBeInTheDocument();
    expect(screen.getByText('Total: 2')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New product' })).toHaveAttribute('href', `/w/${SHOP_ID}/products/new`);
  });

  it('turns the search box, filters and column headers into the API’s query string', async () => {
    const { user, fetchMock, router } = renderProducts();
    await screen.findByRole('link', { name: 'Parmigiano Reggiano DOP 24 mesi' });
    expect(listQueries(fetchMock)).toEqual(['?page=1&limit=20']);

    await user.type(screen.getByLabelText('Search products'), 'parmigano');
    await waitFor(() => expect(listQueries(fetchMock).at(-1)).toBe('?search=parmigano&page=1&limit=20'));
    // Debounced: one request for the whole word, not one per letter.
    expect(listQueries(fetchMock)).toHaveLength(2);

    await user.selectOptions(screen.getByLabelText('Status'), 'Draft');
    await user.selectOptions(screen.getByLabelText('Category'), 'Formaggi');
    await user.click(screen.getByRole('checkbox', { name: 'Include sub-categories' }));
    await user.type(screen.getByLabelText('Min. price (EUR)'), '10');
    await user.type(screen.getByLabelText('Max. price (EUR)'), '25,5');
    await waitFor(() =>
      expect(listQueries(fetchMock).at(-1)).toBe(
        '?search=parmigano&status=draft&categoryId=cat-formaggi&includeSubcategories=false&minPrice=1000&maxPrice=2550&page=1&limit=20',
      ),
    );

    await user.click(screen.getByRole('button', { name: /^Price/ }));
    await waitFor(() => expect(listQueries(fetchMock).at(-1)).toContain('&sort=price&order=asc&page=1'));
    expect(screen.getByRole('columnheader', { name: /^Price/ })).toHaveAttribute('aria-sort', 'ascending');
    await user.click(screen.getByRole('button', { name: /^Price/ }));
    await waitFor(() => expect(listQueries(fetchMock).at(-1)).toContain('&sort=price&order=desc&page=1'));

    // The filters live in the page's URL too, prices as typed.
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('minPrice')).toBe('10');
    expect(params.get('maxPrice')).toBe('25,5');
  });

  it('says when a price filter is not an amount, and leaves it out', async () => {
    const { user, fetchMock } = renderProducts();
    await user.type(await screen.findByLabelText('Min. price (EUR)'), 'cheap');

    expect(await screen.findByText('Enter an amount such as 18.90.')).toBeInTheDocument();
    expect(listQueries(fetchMock).every((query) => !query.includes('minPrice'))).toBe(true);
  });

  it('pages through the results', async () => {
    const { user, fetchMock } = renderProducts({
      [`GET ${WS}/products`]: ({ url }) => {
        const number = Number(url.searchParams.get('page'));
        return { body: page([product(`p-${number}`, `Product of page ${number}`)], 45, number) };
      },
    });

    expect(await screen.findByText('Product of page 1')).toBeInTheDocument();
    expect(screen.getByText('Page 1 of 3')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Next' }));
    expect(await screen.findByText('Product of page 2')).toBeInTheDocument();
    expect(listQueries(fetchMock).at(-1)).toBe('?page=2&limit=20');
  });

  it('activates the selected products with one PATCH each and reloads the list', async () => {
    const { user, fetchMock } = renderProducts({
      [`PATCH ${WS}/products/${parmigiano.id}`]: { body: parmigiano },
      [`PATCH ${WS}/products/${spaghetti.id}`]: { body: spaghetti },
    });

    await user.click(await screen.findByRole('checkbox', { name: 'Select Parmigiano Reggiano DOP 24 mesi' }));
    await user.click(screen.getByRole('checkbox', { name: 'Select Spaghetti di Gragnano IGP' }));
    const bulk = screen.getByRole('region', { name: 'Selected products' });
    expect(within(bulk).getByText('Selected: 2')).toBeInTheDocument();
    await user.click(within(bulk).getByRole('button', { name: 'Deactivate' }));

    await waitFor(() => expect(screen.queryByRole('region', { name: 'Selected products' })).not.toBeInTheDocument());
    for (const id of [parmigiano.id, spaghetti.id]) {
      const [, init] = callsTo(fetchMock, `${WS}/products/${id}`, 'PATCH')[0] ?? [];
      expect(JSON.parse(String(init?.body))).toEqual({ status: 'inactive' });
    }
    await waitFor(() => expect(listQueries(fetchMock)).toHaveLength(2));
  });

  it('asks before deleting the selected products', async () => {
    const { user, fetchMock } = renderProducts({
      [`DELETE ${WS}/products/${parmigiano.id}`]: { status: 204 },
      [`DELETE ${WS}/products/${spaghetti.id}`]: { status: 204 },
    });

    await user.click(await screen.findByRole('checkbox', { name: 'Select all products on this page' }));
    await user.click(screen.getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Delete 2 products?' });
    expect(callsTo(fetchMock, `${WS}/products/${parmigiano.id}`, 'DELETE')).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await waitFor(() => {
      expect(callsTo(fetchMock, `${WS}/products/${parmigiano.id}`, 'DELETE')).toHaveLength(1);
      expect(callsTo(fetchMock, `${WS}/products/${spaghetti.id}`, 'DELETE')).toHaveLength(1);
    });
  });

  it('gives an Agent the list without selection or a "New product" button', async () => {
    renderProducts({}, 'agent');

    expect(await screen.findByRole('link', { name: 'Parmigiano Reggiano DOP 24 mesi' })).toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'New product' })).not.toBeInTheDocument();
    expect(screen.queryByRole('checkbox', { name: /^Select/ })).not.toBeInTheDocument();
  });
});
