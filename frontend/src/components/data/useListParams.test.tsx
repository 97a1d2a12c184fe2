import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { useListParams } from './useListParams';

function Probe() {
  const list = useListParams(['name', 'createdAt'] as const, (sort) => (sort === 'createdAt' ? 'desc' : 'asc'));

  // Two changes from one render, as when two debounced filters fire before React re-renders.
  function handleBoth() {
    list.update({ minPrice: '10' });
    list.update({ maxPrice: '20' });
  }

  return (
    <>
      <p>{`sort=${list.sort ?? '-'} order=${list.order ?? '-'} page=${list.page}`}</p>
      <button type="button" onClick={handleBoth}>
        both
      </button>
      <button type="button" onClick={() => list.sortBy('name', list.sort && list.order ? { sort: list.sort, order: list.order } : undefined)}>
        by name
      </button>
      <button type="button" onClick={() => list.setPage(3)}>
        page 3
      </button>
    </>
  );
}

function renderProbe(search = '') {
  const router = createMemoryRouter([{ path: '/list', element: <Probe /> }], { initialEntries: [`/list${search}`] });
  render(<RouterProvider router={router} />);
  return { router, user: userEvent.setup() };
}

describe('useListParams', () => {
  it('keeps both of two changes made before the next render', async () => {
    const { router, user } = renderProbe('?search=x&page=2');

    await user.click(screen.getByRole('button', { name: 'both' }));

    expect(router.state.location.search).toBe('?search=x&minPrice=10&maxPrice=20');
  });

  it('starts without a sort, then sorts by a column and reverses it', async () => {
    const { router, user } = renderProbe();
    expect(screen.getByText('sort=- order=- page=1')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'by name' }));
    expect(screen.getByText('sort=name order=asc page=1')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'page 3' }));
    expect(router.state.location.search).toBe('?sort=name&order=asc&page=3');

    await user.click(screen.getByRole('button', { name: 'by name' }));
    expect(router.state.location.search).toBe('?sort=name&order=desc');
  });
});
