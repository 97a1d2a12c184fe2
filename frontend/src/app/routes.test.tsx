import { screen } from '@testing-library/react';
import { mockFetch } from '@/test/fetchMock';
import { renderRoute } from '@/test/render';

describe('routes', () => {
  it('redirects / to the status page', async () => {
    mockFetch({});
    const { router } = renderRoute('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'System status' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/status');
    expect(screen.getByRole('link', { name: 'System status' })).toHaveAttribute('aria-current', 'page');
  });

  it('shows the not-found page for unknown routes and links back', async () => {
    mockFetch({});
    const { user, router } = renderRoute('/no/such/page');

    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('banner')).toHaveTextContent('ShopMe');

    await user.click(screen.getByRole('link', { name: 'Go to system status' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'System status' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/status');
  });
});
