import { screen, within } from '@testing-library/react';
import { mockFetch } from '@/test/fetchMock';
import { HOTEL_ID, hotelMembership, makeMe, membership, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';

describe('WorkspaceSwitcher', () => {
  it('lists the memberships and keeps the page when switching', async () => {
    mockFetch(meRoute(makeMe('admin', hotelMembership)));
    const { user, router } = renderRoute(`/w/${SHOP_ID}/profile`);

    const trigger = await screen.findByRole('button', { name: 'Current workspace: Bottega Italiana' });
    await user.click(trigger);
    const menu = await screen.findByRole('menu');
    const items = within(menu).getAllByRole('menuitemradio');
    expect(items.map((item) => item.textContent)).toEqual(['Bottega ItalianaAdmin', 'Hotel BelvedereAdmin']);
    expect(items[0]).toHaveAttribute('aria-checked', 'true');

    await user.click(within(menu).getByRole('menuitemradio', { name: /Hotel Belvedere/ }));

    expect(await screen.findByRole('button', { name: 'Current workspace: Hotel Belvedere' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/w/${HOTEL_ID}/profile`);
  });

  it('falls back to the overview when the new role may not open the page', async () => {
    mockFetch(meRoute(makeMe('admin', { ...hotelMembership, role: 'agent' })));
    const { user, router } = renderRoute(`/w/${SHOP_ID}/mail-outbox`);

    await user.click(await screen.findByRole('button', { name: 'Current workspace: Bottega Italiana' }));
    await user.click(await screen.findByRole('menuitemradio', { name: /Hotel Belvedere/ }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Hotel Belvedere' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/w/${HOTEL_ID}`);
  });

  it('offers to create a workspace', async () => {
    mockFetch(meRoute({ ...makeMe('admin'), memberships: [membership('agent')] }));
    const { user, router } = renderRoute(`/w/${SHOP_ID}`);

    await user.click(await screen.findByRole('button', { name: 'Current workspace: Bottega Italiana' }));
    await user.click(await screen.findByRole('menuitem', { name: /Create workspace/ }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Create a workspace' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/new');
  });
});
