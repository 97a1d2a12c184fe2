import { screen } from '@testing-library/react';
import { callsTo, mockFetch, problem } from '@/test/fetchMock';
import { renderRoute } from '@/test/render';

describe('forgotten password', () => {
  it('always answers that an e-mail was sent if the address exists', async () => {
    const fetchMock = mockFetch({ 'POST /api/auth/password-reset': { status: 202 } });
    const { user } = renderRoute('/forgot-password');

    await user.type(await screen.findByLabelText('Email'), 'someone@example.com');
    await user.click(screen.getByRole('button', { name: 'Send reset link' }));

    expect(await screen.findByRole('status')).toHaveTextContent(
      'If an account exists for someone@example.com, we have sent it an email with a link to reset the password.',
    );
    const [, init] = callsTo(fetchMock, '/api/auth/password-reset', 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'someone@example.com' });
    expect(screen.getByRole('link', { name: 'Back to sign in' })).toHaveAttribute('href', '/login');
  });
});

describe('ResetPasswordPage', () => {
  async function submit(user: ReturnType<typeof renderRoute>['user'], password: string, confirmation = password) {
    await user.type(await screen.findByLabelText('New password'), password);
    await user.type(screen.getByLabelText('Confirm new password'), confirmation);
    await user.click(screen.getByRole('button', { name: 'Set new password' }));
  }

  it('sets the new password with the token of the link', async () => {
    const fetchMock = mockFetch({ 'POST /api/auth/password-reset/confirm': { status: 204 } });
    const { user } = renderRoute('/reset-password/reset-tok');

    await submit(user, 'short');
    expect(await screen.findByText('Use at least 10 characters.')).toBeInTheDocument();
    await user.clear(screen.getByLabelText('New password'));
    await user.clear(screen.getByLabelText('Confirm new password'));

    await submit(user, 'a-brand-new-password');

    expect(await screen.findByText('Your password has been changed. You can now sign in with it.')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Sign in' })).toHaveAttribute('href', '/login');
    const [, init] = callsTo(fetchMock, '/api/auth/password-reset/confirm', 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ token: 'reset-tok', newPassword: 'a-brand-new-password' });
  });

  it('explains an expired link and offers a new one', async () => {
    mockFetch({ 'POST /api/auth/password-reset/confirm': problem(410, 'Gone') });
    const { user } = renderRoute('/reset-password/used-tok');

    await submit(user, 'a-brand-new-password');

    expect(await screen.findByRole('alert')).toHaveTextContent('This link has expired or has already been used.');
    expect(screen.getByRole('link', { name: 'Request a new link' })).toHaveAttribute('href', '/forgot-password');
  });

  it('puts the server’s field errors on the field', async () => {
    mockFetch({
      'POST /api/auth/password-reset/confirm': problem(422, 'Unprocessable Entity', {
        errors: [{ field: 'newPassword', message: 'is too common' }],
      }),
    });
    const { user } = renderRoute('/reset-password/tok');

    await submit(user, 'password1234');

    expect(await screen.findByText('is too common')).toBeInTheDocument();
    expect(screen.getByLabelText('New password')).toHaveAttribute('aria-invalid', 'true');
  });
});
