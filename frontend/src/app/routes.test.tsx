import { screen, within } from '@testing-library/react';
import { storeLastWorkspace } from '@/features/workspaces/lastWorkspace';
import { mockFetch, problem } from '@/test/fetchMock';
import { HOTEL_ID, hotelMembership, makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';

describe('routes', () => {
  it('sends a visitor without a session from / to the login page', async () => {
    mockFetch({ '/api/auth/me': problem(401, 'Unauthorized'), '/api/auth/refresh': problem(401, 'Unauthorized') });
    const { router } = renderRoute('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to ShopMe' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('');
  });

  it('remembers a deep link while sending a visitor to the login page', async () => {
    mockFetch({ '/api/auth/me': problem(401, 'Unauthorized'), '/api/auth/refresh': problem(401, 'Unauthorized') });
    const { router } = renderRoute(`/w/${SHOP_ID}/team`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to ShopMe' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe(`/w/${SHOP_ID}/team`);
    expect(screen.getByText('Sign in to continue.')).toBeInTheDocument();
  });

  it('opens the first workspace from /', async () => {
    mockFetch(meRoute(makeMe('admin', hotelMembership)));
    const { router } = renderRoute('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Bottega Italiana' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/w/${SHOP_ID}`);
    expect(screen.getByText('Your role in this workspace: Admin.')).toBeInTheDocument();
  });

  it('opens the workspace used last in this browser from /', async () => {
    const me = makeMe('admin', hotelMembership);
    storeLastWorkspace(me.user.id, HOTEL_ID);
    mockFetch(meRoute(me));
    const { router } = renderRoute('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Hotel Belvedere' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/w/${HOTEL_ID}`);
  });

  it('asks a user without workspaces to create the first one', async () => {
    mockFetch(meRoute({ ...makeMe('admin'), memberships: [] }));
    const { router } = renderRoute('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Create your first workspace' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/new');
  });

  it('says so when the workspace of the URL is not one of the user’s', async () => {
    mockFetch(meRoute(makeMe('agent')));
    renderRoute('/w/someone-elses/team');

    expect(await screen.findByRole('heading', { level: 1, name: 'Workspace not found' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to my workspaces' })).toHaveAttribute('href', '/');
  });

  it('keeps the system status page public', async () => {
    mockFetch({});
    renderRoute('/status');

    expect(await screen.findByRole('heading', { level: 1, name: 'System status' })).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main navigation' })).not.toBeInTheDocument();
  });

  it('shows the status page inside a workspace too', async () => {
    mockFetch(meRoute(makeMe('agent')));
    renderRoute(`/w/${SHOP_ID}/status`);

    expect(await screen.findByRole('heading', { level: 1, name: 'System status' })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'System status' })).toHaveAttribute('aria-current', 'page');
  });

  it('shows the not-found page for unknown routes and links back', async () => {
    mockFetch({ '/api/auth/me': problem(401, 'Unauthorized'), '/api/auth/refresh': problem(401, 'Unauthorized') });
    const { user, router } = renderRoute('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('ShopMe');

    await user.click(screen.getByRole('link', { name: 'Go to the dashboard' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to ShopMe' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
  });
});
