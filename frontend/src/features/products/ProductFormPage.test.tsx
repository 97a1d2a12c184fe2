import { screen, within } from '@testing-library/react';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { catalogRoutes, parmigiano, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Role } from '@/features/auth/permissions';

function renderPage(path: string, routes: Record<string, MockRoute> = {}, role: Role = 'admin') {
  const fetchMock = mockFetch({
    ...meRoute(makeMe(role)),
    ...catalogRoutes(),
    [`GET ${WS}/products`]: { body: { items: [], total: 0, page: 1, limit: 20 } },
    ...routes,
  });
  return { fetchMock, ...renderRoute(path) };
}

function bodyOf(fetchMock: ReturnType<typeof mockFetch>, path: string, method: string): unknown {
  const [, init] = callsTo(fetchMock, path, method)[0] ?? [];
  return JSON.parse(String(init?.body));
}

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./ProductFormPage'), import('./ProductsPage')]), 60_000);

describe('ProductFormPage', () => {
  it('checks the fields before sending anything', async () => {
    const { user, fetchMock } = renderPage(`/w/${SHOP_ID}/products/new`);

    await user.click(await screen.findByRole('button', { name: 'Create product' }));
    expect(screen.getByLabelText('Name')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('SKU')).toHaveAccessibleDescription('This field is required.');
    expect(screen.getByLabelText('Price')).toHaveAccessibleDescription('This field is required.');

    await user.type(screen.getByLabelText('SKU'), 'bad sku!');
    await user.type(screen.getByLabelText('Price'), '18.905');
    await user.clear(screen.getByLabelText('Tax rate (%)'));
    await user.type(screen.getByLabelText('Tax rate (%)'), '150');
    await user.clear(screen.getByLabelText('Stock'));
    await user.type(screen.getByLabelText('Stock'), '-2');
    await user.click(screen.getByRole('button', { name: 'Add attribute' }));
    await user.type(screen.getByLabelText('Attribute 1 value'), 'rosso');
    await user.click(screen.getByRole('button', { name: 'Create product' }));

    expect(screen.getByLabelText('SKU')).toHaveAccessibleDescription(
      'Use up to 64 letters, digits and . _ / -, starting with a letter or digit.',
    );
    expect(screen.getByLabelText('Price')).toHaveAccessibleDescription('Enter an amount such as 18.90.');
    expect(screen.getByLabelText('Tax rate (%)')).toHaveAccessibleDescription(
      'Enter a rate from 0 to 100, with at most two decimals.',
    );
    expect(screen.getByLabelText('Stock')).toHaveAccessibleDescription('Enter a whole number, 0 or more.');
    expect(screen.getByLabelText('Attribute 1 name')).toHaveAccessibleDescription('This field is required.');
    expect(callsTo(fetchMock, `${WS}/products`, 'POST')).toHaveLength(0);
  });

  it('sends the price in minor units with the category and typed attributes, then shows the list', async () => {
    const { user, fetchMock, router } = renderPage(`/w/${SHOP_ID}/products/new`, {
      [`POST ${WS}/products`]: ({ body }) => ({ status: 201, body: { ...parmigiano, ...(body as object), id: 'new' } }),
    });

    await user.type(await screen.findByLabelText('Name'), 'Pecorino di fossa');
    await user.type(screen.getByLabelText('SKU'), 'FOR-FOSSA-1');
    await user.type(screen.getByLabelText('Price'), '18,9');
    await user.clear(screen.getByLabelText('Tax rate (%)'));
    await user.type(screen.getByLabelText('Tax rate (%)'), '4,5');
    await user.clear(screen.getByLabelText('Stock'));
    await user.type(screen.getByLabelText('Stock'), '12');
    await user.selectOptions(screen.getByLabelText('Category'), 'Formaggi › Formaggi stagionati');
    await user.selectOptions(screen.getByLabelText('Status'), 'draft');
    await user.click(screen.getByRole('button', { name: 'Add attribute' }));
    await user.type(screen.getByLabelText('Attribute 1 name'), 'peso');
    await user.type(screen.getByLabelText('Attribute 1 value'), '500 g');
    await user.click(screen.getByRole('button', { name: 'Add attribute' }));
    await user.type(screen.getByLabelText('Attribute 2 name'), 'mesi');
    await user.selectOptions(screen.getByLabelText('Attribute 2 type'), 'number');
    await user.type(screen.getByLabelText('Attribute 2 value'), '24');
    await user.click(screen.getByRole('button', { name: 'Add attribute' }));
    await user.type(screen.getByLabelText('Attribute 3 name'), 'vegetariano');
    await user.selectOptions(screen.getByLabelText('Attribute 3 type'), 'boolean');
    await user.click(screen.getByRole('button', { name: 'Create product' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Products' })).toBeInTheDocument();
    expect(await screen.findByText('No products match these filters.')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/w/${SHOP_ID}/products`);
    expect(bodyOf(fetchMock, `${WS}/products`, 'POST')).toEqual({
      name: 'Pecorino di fossa',
      sku: 'FOR-FOSSA-1',
      price: 1890,
      taxRate: 4.5,
      stock: 12,
      status: 'draft',
      categoryId: 'cat-stagionati',
      language: 'it',
      description: '',
      attributes: { peso: '500 g', mesi: 24, vegetariano: true },
    });
  });

  it('puts the server’s 422 field errors on the fields, attributes included', async () => {
    const { user } = renderPage(`/w/${SHOP_ID}/products/${parmigiano.id}`, {
      [`GET ${WS}/products/${parmigiano.id}`]: { body: parmigiano },
      [`PATCH ${WS}/products/${parmigiano.id}`]: problem(422, 'Unprocessable Content', {
        detail: 'The request has invalid fields.',
        errors: [
          { field: 'sku', message: 'is already used by another product' },
          { field: 'attributes.peso', message: 'must be text, a number or true/false' },
          { field: 'price', message: 'is too high' },
        ],
      }),
    });

    expect(await screen.findByLabelText('Price')).toHaveValue('18.90');
    expect(screen.getByLabelText('Attribute 2 type')).toHaveValue('number');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Could not save the product.');
    expect(screen.getByLabelText('SKU')).toHaveAccessibleDescription('is already used by another product');
    expect(screen.getByLabelText('Price')).toHaveAccessibleDescription('is too high');
    expect(screen.getByLabelText('Attribute 1 name')).toHaveValue('peso');
    expect(screen.getByLabelText('Attribute 1 value')).toHaveAccessibleDescription('must be text, a number or true/false');
    expect(screen.getByLabelText('SKU')).toHaveFocus();
  });

  it('shows an Agent the product without letting them change it', async () => {
    renderPage(
      `/w/${SHOP_ID}/products/${parmigiano.id}`,
      { [`GET ${WS}/products/${parmigiano.id}`]: { body: parmigiano } },
      'agent',
    );

    expect(await screen.findByLabelText('Name')).toBeDisabled();
    expect(screen.getByLabelText('Name')).toHaveValue('Parmigiano Reggiano DOP 24 mesi');
    expect(screen.queryByRole('button', { name: 'Save changes' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Delete product' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Add attribute' })).not.toBeInTheDocument();
    const attributes = screen.getByRole('region', { name: 'Attributes' });
    expect(within(attributes).getByLabelText('Attribute 1 value')).toHaveValue('500 g');
  });

  it('tells an Agent that creating products is not for them', async () => {
    renderPage(`/w/${SHOP_ID}/products/new`, {}, 'agent');
    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
  });
});
