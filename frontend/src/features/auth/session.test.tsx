import { screen, waitFor } from '@testing-library/react';
import { authKeys } from '@/features/auth/api/auth';
import { callsTo, mockFetch, problem } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import { loginPath, safeNextPath } from './session';

const team = {
  items: [{ userId: 'user-admin', email: 'admin@shopme.test', name: 'Alessandra Admin', role: 'admin', joinedAt: '2026-11-30T10:00:00Z' }],
  invitations: [],
};

describe('session handling', () => {
  it('refreshes an expired access token silently and retries the request', async () => {
    let teamCalls = 0;
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`/api/workspaces/${SHOP_ID}/members`]: () => (++teamCalls === 1 ? problem(401, 'Unauthorized') : { body: team }),
      'POST /api/auth/refresh': { body: makeMe('admin') },
    });
    const { router } = renderRoute(`/w/${SHOP_ID}/team`);

    expect(await screen.findByRole('cell', { name: /Alessandra Admin/ })).toBeInTheDocument();
    expect(callsTo(fetchMock, '/api/auth/refresh', 'POST')).toHaveLength(1);
    expect(teamCalls).toBe(2);
    expect(router.state.location.pathname).toBe(`/w/${SHOP_ID}/team`);
  });

  it('goes to the login page, remembering where it was, when the refresh fails', async () => {
    let meCalls = 0;
    mockFetch({
      // The session is over on the server: only the first "who am I?" succeeds.
      '/api/auth/me': () => (++meCalls === 1 ? { body: makeMe('admin') } : problem(401, 'Unauthorized')),
      [`/api/workspaces/${SHOP_ID}/members`]: problem(401, 'Unauthorized'),
      'POST /api/auth/refresh': problem(401, 'Unauthorized'),
    });
    const { router, queryClient } = renderRoute(`/w/${SHOP_ID}/team?tab=x`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Sign in to ShopMe' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(new URLSearchParams(router.state.location.search).get('next')).toBe(`/w/${SHOP_ID}/team?tab=x`);
    await waitFor(() => expect(queryClient.getQueryData(authKeys.me)).toBeUndefined());
  });

  it('recovers the session on load when only the access token expired', async () => {
    let meCalls = 0;
    mockFetch({
      '/api/auth/me': () => (++meCalls === 1 ? problem(401, 'Unauthorized') : { body: makeMe('agent') }),
      'POST /api/auth/refresh': { body: makeMe('agent') },
    });
    renderRoute('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Bottega Italiana' })).toBeInTheDocument();
  });
});

describe('login redirects', () => {
  it('only follows local paths', () => {
    expect(safeNextPath('/w/1/team')).toBe('/w/1/team');
    expect(safeNextPath('//evil.example')).toBe('/');
    expect(safeNextPath('https://evil.example')).toBe('/');
    expect(safeNextPath('/\\evil.example')).toBe('/');
    expect(safeNextPath(null)).toBe('/');
    expect(safeNextPath('/login?next=/x')).toBe('/');
  });

  it('omits pointless next parameters', () => {
    expect(loginPath('/')).toBe('/login');
    expect(loginPath('/login?next=x')).toBe('/login');
    expect(loginPath('/w/1?x=1')).toBe('/login?next=%2Fw%2F1%3Fx%3D1');
  });
});
