import { screen } from '@testing-library/react';
import { authKeys } from '@/features/auth/api/auth';
import { callsTo, mockFetch } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';

describe('UserMenu', () => {
  it('shows who is logged in, links the profile and logs out', async () => {
    const fetchMock = mockFetch({ ...meRoute(makeMe('manager')), 'POST /api/auth/logout': { status: 204 } });
    const { user, router, queryClient } = renderRoute(`/w/${SHOP_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Account menu' }));
    expect(await screen.findByText('manager@shopme.test')).toBeInTheDocument();
    expect(screen.getByRole('menuitem', { name: 'Profile' })).toHaveAttribute('href', `/w/${SHOP_ID}/profile`);

    await user.click(screen.getByRole('menuitem', { name: 'Log out' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to ShopMe' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(callsTo(fetchMock, '/api/auth/logout', 'POST')).toHaveLength(1);
    await vi.waitFor(() => expect(queryClient.getQueryData(authKeys.me)).toBeUndefined());
  });
});
