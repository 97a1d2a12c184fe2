import { screen, waitFor, within } from '@testing-library/react';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { categories, catalogRoutes, WS } from '@/test/catalogFixtures';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Role } from '@/features/auth/permissions';

function renderCategories(routes: Record<string, MockRoute> = {}, role: Role = 'admin') {
  const fetchMock = mockFetch({ ...meRoute(makeMe(role)), ...catalogRoutes(), ...routes });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/categories`) };
}

function deleteUrls(fetchMock: ReturnType<typeof mockFetch>): string[] {
  return fetchMock.mock.calls.filter(([, init]) => init?.method === 'DELETE').map(([url]) => String(url));
}

// The pages are lazy-loaded: load them before the first test, whose waits are timed.
beforeAll(() => Promise.all([import('./CategoriesPage')]), 60_000);

describe('CategoriesPage', () => {
  it('shows sub-categories indented under their parent, siblings in display order', async () => {
    renderCategories();

    const tree = await screen.findByRole('region', { name: 'Category tree' });
    const topLevel = within(tree).getAllByRole('listitem').filter((item) => item.dataset.depth === '0');
    expect(topLevel.map((item) => item.getAttribute('aria-label'))).toEqual(['Formaggi', 'Salumi', 'Pasta']);
    const children = within(tree).getByRole('list', { name: 'Sub-categories of Formaggi' });
    const child = within(children).getByRole('listitem', { name: 'Formaggi stagionati' });
    expect(child).toHaveAttribute('data-depth', '1');
    expect(within(child).getByText('Products: 2')).toBeInTheDocument();
  });

  it('moves a category down by swapping display orders with its next sibling', async () => {
    const { user, fetchMock } = renderCategories({
      [`PATCH ${WS}/categories/cat-formaggi`]: ({ body }) => ({ body: { ...categories[0], ...(body as object) } }),
      [`PATCH ${WS}/categories/cat-salumi`]: ({ body }) => ({ body: { ...categories[1], ...(body as object) } }),
    });

    expect(await screen.findByRole('button', { name: 'Move Formaggi up' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Move Pasta down' })).toBeDisabled();
    await user.click(screen.getByRole('button', { name: 'Move Formaggi down' }));

    await waitFor(() => expect(callsTo(fetchMock, `${WS}/categories/cat-salumi`, 'PATCH')).toHaveLength(1));
    const body = (id: string) => JSON.parse(String(callsTo(fetchMock, `${WS}/categories/${id}`, 'PATCH')[0]?.[1]?.body));
    expect(body('cat-formaggi')).toEqual({ displayOrder: 2 });
    expect(body('cat-salumi')).toEqual({ displayOrder: 1 });
    expect(callsTo(fetchMock, `${WS}/categories/cat-pasta`, 'PATCH')).toHaveLength(0);
  });

  it('never offers a category itself or its sub-categories as its new parent', async () => {
    const { user, fetchMock } = renderCategories({
      [`PATCH ${WS}/categories/cat-formaggi`]: problem(422, 'Unprocessable Content', {
        errors: [{ field: 'parentId', message: 'would make a cycle' }],
      }),
    });

    await user.click(await screen.findByRole('button', { name: 'Edit Formaggi' }));
    const form = screen.getByRole('region', { name: 'Edit Formaggi' });
    const parent = within(form).getByLabelText('Parent category');
    expect(within(parent).getAllByRole('option').map((option) => option.textContent)).toEqual([
      'None (top level)',
      'Salumi',
      'Pasta',
    ]);

    await user.selectOptions(parent, 'Pasta');
    await user.click(within(form).getByRole('button', { name: 'Save changes' }));
    expect(await within(form).findByText('would make a cycle')).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, `${WS}/categories/cat-formaggi`, 'PATCH')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Formaggi',
      description: '',
      parentId: 'cat-pasta',
      active: true,
      displayOrder: 1,
    });
  });

  it('creates a sub-category after its last sibling', async () => {
    const { user, fetchMock } = renderCategories({
      [`POST ${WS}/categories`]: ({ body }) => ({ status: 201, body: { ...categories[3], ...(body as object), id: 'cat-new' } }),
    });

    const form = await screen.findByRole('region', { name: 'New category' });
    await user.type(within(form).getByLabelText('Name'), 'Formaggi freschi');
    await user.selectOptions(within(form).getByLabelText('Parent category'), 'Formaggi');
    await user.click(within(form).getByRole('button', { name: 'Create category' }));

    expect(await within(form).findByText('Category Formaggi freschi created.')).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, `${WS}/categories`, 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Formaggi freschi',
      description: '',
      parentId: 'cat-formaggi',
      active: true,
      displayOrder: 2,
    });
  });

  it('deletes an empty category after asking', async () => {
    const { user, fetchMock } = renderCategories({ [`DELETE ${WS}/categories/cat-pasta`]: { status: 204 } });

    await user.click(await screen.findByRole('button', { name: 'Delete Pasta' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Pasta?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(deleteUrls(fetchMock)).toEqual([`${WS}/categories/cat-pasta`]);
  });

  it('on 409 offers to move the products elsewhere, never into the category’s own sub-categories', async () => {
    const { user, fetchMock } = renderCategories({
      [`DELETE ${WS}/categories/cat-formaggi`]: ({ url }) =>
        url.search === ''
          ? problem(409, 'Conflict', { detail: 'The category holds 3 product(s) and 1 sub-categorie(s).' })
          : { status: 204 },
    });

    await user.click(await screen.findByRole('button', { name: 'Delete Formaggi' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Formaggi?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));

    expect(await within(dialog).findByText('Products directly in it: 3. Sub-categories: 1.')).toBeInTheDocument();
    const target = within(dialog).getByRole('combobox', { name: 'Category that receives them' });
    expect(within(target).getAllByRole('option').map((option) => option.textContent)).toEqual(['Salumi', 'Pasta']);
    expect(within(dialog).getByRole('radio', { name: /Move its products/ })).toBeChecked();
    await user.selectOptions(target, 'Pasta');
    await user.click(within(dialog).getByRole('button', { name: 'Delete category' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(deleteUrls(fetchMock)).toEqual([
      `${WS}/categories/cat-formaggi`,
      `${WS}/categories/cat-formaggi?moveProductsTo=cat-pasta`,
    ]);
  });

  it('on 409 can detach the products instead', async () => {
    const { user, fetchMock } = renderCategories({
      [`DELETE ${WS}/categories/cat-salumi`]: ({ url }) =>
        url.search === '' ? problem(409, 'Conflict', { detail: 'The category holds 3 product(s).' }) : { status: 204 },
    });

    await user.click(await screen.findByRole('button', { name: 'Delete Salumi' }));
    const dialog = await screen.findByRole('dialog', { name: 'Delete Salumi?' });
    await user.click(within(dialog).getByRole('button', { name: 'Delete' }));
    await user.click(await within(dialog).findByRole('radio', { name: /Leave its products without a category/ }));
    expect(within(dialog).getByRole('combobox', { name: 'Category that receives them' })).toBeDisabled();
    await user.click(within(dialog).getByRole('button', { name: 'Delete category' }));

    await waitFor(() => expect(deleteUrls(fetchMock)).toHaveLength(2));
    expect(deleteUrls(fetchMock)[1]).toBe(`${WS}/categories/cat-salumi?detachProducts=true`);
  });

  it('shows an Agent the tree without order, edit or delete controls', async () => {
    renderCategories({}, 'agent');

    expect(await screen.findByRole('listitem', { name: 'Formaggi stagionati' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: /^(Move|Edit|Delete)/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('region', { name: 'New category' })).not.toBeInTheDocument();
  });
});
