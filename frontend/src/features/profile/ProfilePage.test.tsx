import { screen, within } from '@testing-library/react';
import type { Session } from '@/features/auth/api/sessions';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';

const sessions: Session[] = [
  {
    id: 's-1',
    createdAt: '2026-11-30T10:00:00Z',
    lastUsedAt: '2026-12-01T09:00:00Z',
    expiresAt: '2026-12-30T10:00:00Z',
    userAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0 Safari/537.36',
    ip: '127.0.0.1',
    current: true,
  },
  {
    id: 's-2',
    createdAt: '2026-11-20T10:00:00Z',
    lastUsedAt: '2026-11-21T09:00:00Z',
    expiresAt: '2026-12-20T10:00:00Z',
    userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Version/18.0 Mobile/15E148 Safari/604.1',
    ip: '10.0.0.7',
    current: false,
  },
];

function renderProfile(routes: Record<string, MockRoute> = {}) {
  const fetchMock = mockFetch({ ...meRoute(makeMe('agent')), 'GET /api/auth/sessions': { body: { items: sessions } }, ...routes });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/profile`) };
}

async function changePassword(user: ReturnType<typeof renderRoute>['user'], current: string, next: string) {
  await user.type(await screen.findByLabelText('Current password'), current);
  await user.type(screen.getByLabelText('New password'), next);
  await user.type(screen.getByLabelText('Confirm new password'), next);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
}

describe('ProfilePage', () => {
  it('lists the active sessions, marks this device and signs out the others', async () => {
    const { user, fetchMock } = renderProfile({ 'DELETE /api/auth/sessions/s-2': { status: 204 } });

    const card = await screen.findByRole('region', { name: 'Active sessions' });
    const items = await within(card).findAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(within(items[0] as HTMLElement).getByText('This device')).toBeInTheDocument();
    expect(within(items[0] as HTMLElement).getByText('Chrome · Linux')).toBeInTheDocument();
    expect(within(items[0] as HTMLElement).queryByRole('button')).not.toBeInTheDocument();
    expect(within(items[1] as HTMLElement).queryByText('This device')).not.toBeInTheDocument();

    await user.click(within(card).getByRole('button', { name: 'Sign out the session on Safari · iOS' }));
    await vi.waitFor(() => expect(callsTo(fetchMock, '/api/auth/sessions/s-2', 'DELETE')).toHaveLength(1));
  });

  it('changes the password', async () => {
    const { user, fetchMock } = renderProfile({ 'POST /api/auth/password': { status: 204 } });

    await changePassword(user, 'shopme-demo-password', 'a-brand-new-password');

    expect(await screen.findByText('Your password has been changed.')).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, '/api/auth/password', 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      currentPassword: 'shopme-demo-password',
      newPassword: 'a-brand-new-password',
    });
    expect(screen.getByLabelText('Current password')).toHaveValue('');
  });

  it('shows a wrong current password on its field (401) without leaving the page', async () => {
    const { user, router, fetchMock } = renderProfile({
      'POST /api/auth/password': problem(401, 'Unauthorized'),
      'POST /api/auth/refresh': { body: makeMe('agent') },
    });

    await changePassword(user, 'not-the-password', 'a-brand-new-password');

    expect(await screen.findByText('The current password is not correct.')).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');
    expect(router.state.location.pathname).toBe(`/w/${SHOP_ID}/profile`);
    // One refresh in case the access token had expired; the retry's 401 is the wrong password.
    expect(callsTo(fetchMock, '/api/auth/refresh', 'POST')).toHaveLength(1);
    expect(callsTo(fetchMock, '/api/auth/password', 'POST')).toHaveLength(2);
  });

  it('shows the field errors of a 422 where they belong', async () => {
    const { user } = renderProfile({
      'POST /api/auth/password': problem(422, 'Unprocessable Entity', {
        errors: [{ field: 'currentPassword', message: 'does not match' }],
      }),
    });

    await changePassword(user, 'not-the-password', 'a-brand-new-password');

    expect(await screen.findByText('does not match')).toBeInTheDocument();
    expect(screen.getByLabelText('Current password')).toHaveAttribute('aria-invalid', 'true');
  });
});
