import { screen } from '@testing-library/react';
import { callsTo, mockFetch, problem } from '@/test/fetchMock';
import { makeMe, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';

const anonymous = { '/api/auth/me': problem(401, 'Unauthorized'), '/api/auth/refresh': problem(401, 'Unauthorized') };

async function fillIn(user: ReturnType<typeof renderRoute>['user'], email: string, password: string) {
  if (email) await user.type(await screen.findByLabelText('Email'), email);
  if (password) await user.type(screen.getByLabelText('Password'), password);
  await user.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('LoginPage', () => {
  it('validates the fields before calling the server', async () => {
    const fetchMock = mockFetch(anonymous);
    const { user } = renderRoute('/login');

    await user.click(await screen.findByRole('button', { name: 'Sign in' }));

    expect(await screen.findAllByText('This field is required.')).toHaveLength(2);
    expect(screen.getByLabelText('Email')).toHaveAttribute('aria-invalid', 'true');

    await user.type(screen.getByLabelText('Email'), 'not-an-address');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(await screen.findByText('Enter a valid email address.')).toBeInTheDocument();

    expect(callsTo(fetchMock, '/api/auth/login')).toHaveLength(0);
  });

  it('links to the forgotten-password page', async () => {
    mockFetch(anonymous);
    const { user, router } = renderRoute('/login');

    await user.click(await screen.findByRole('link', { name: 'Forgot your password?' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Reset your password' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/forgot-password');
  });

  it('says so when the credentials are wrong', async () => {
    mockFetch({ ...anonymous, 'POST /api/auth/login': problem(401, 'Unauthorized', { detail: 'invalid credentials' }) });
    const { user } = renderRoute('/login');

    await fillIn(user, 'admin@shopme.test', 'wrong-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Wrong email or password.');
  });

  it('shows how long to wait when sign-in is rate limited', async () => {
    mockFetch({
      ...anonymous,
      'POST /api/auth/login': {
        ...problem(429, 'Too Many Requests', { detail: 'too many attempts' }),
        headers: { 'Retry-After': '42', 'X-RateLimit-Remaining': '0' },
      },
    });
    const { user } = renderRoute('/login');

    await fillIn(user, 'admin@shopme.test', 'whatever-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('Too many sign-in attempts. Try again in 42s.');
  });

  it('shows other server errors with their details', async () => {
    mockFetch({ ...anonymous, 'POST /api/auth/login': problem(500, 'Internal Server Error', { detail: 'database down', requestId: 'r-9' }) });
    const { user } = renderRoute('/login');

    await fillIn(user, 'admin@shopme.test', 'whatever-password');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not sign in.');
    expect(alert).toHaveTextContent('database down');
    expect(alert).toHaveTextContent('Request ID: r-9');
  });

  it('signs in and opens the workspace', async () => {
    const me = makeMe('admin');
    const fetchMock = mockFetch({ ...anonymous, 'POST /api/auth/login': { body: me } });
    const { user, router } = renderRoute('/login');

    await fillIn(user, ' admin@shopme.test ', 'shopme-demo-password');

    expect(await screen.findByRole('heading', { level: 1, name: 'Bottega Italiana' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/w/${SHOP_ID}`);
    const [, init] = callsTo(fetchMock, '/api/auth/login', 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'admin@shopme.test', password: 'shopme-demo-password' });
  });

  it('goes back to the page that asked for the login, but never off-site', async () => {
    mockFetch({ ...anonymous, 'POST /api/auth/login': { body: makeMe('admin') } });
    const first = renderRoute(`/login?next=${encodeURIComponent(`/w/${SHOP_ID}/profile`)}`);

    await fillIn(first.user, 'admin@shopme.test', 'shopme-demo-password');
    expect(await screen.findByRole('heading', { level: 1, name: 'Profile' })).toBeInTheDocument();
    expect(first.router.state.location.pathname).toBe(`/w/${SHOP_ID}/profile`);
    first.unmount();

    const second = renderRoute(`/login?next=${encodeURIComponent('//evil.example/phish')}`);
    await fillIn(second.user, 'admin@shopme.test', 'shopme-demo-password');
    expect(await screen.findByRole('heading', { level: 1, name: 'Bottega Italiana' })).toBeInTheDocument();
  });
});
