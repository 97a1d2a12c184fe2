import { screen } from '@testing-library/react';
import { callsTo, mockFetch, problem } from '@/test/fetchMock';
import { makeMe, membership, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { InvitationPreview } from './api/invitations';

const INVITATION = '/api/auth/invitations/tok-123';

const preview: InvitationPreview = {
  email: 'new.person@example.com',
  workspaceName: 'Bottega Italiana',
  role: 'agent',
  expiresAt: '2026-12-07T10:00:00Z',
  existingUser: false,
};

describe('InvitationPage', () => {
  it('creates the account of a new person and opens the workspace', async () => {
    const me = {
      user: { id: 'user-new', email: preview.email, name: 'Nuova Persona', language: 'en' as const },
      memberships: [membership('agent')],
    };
    const fetchMock = mockFetch({ [INVITATION]: { body: preview }, [`POST ${INVITATION}/accept`]: { body: me } });
    const { user, router } = renderRoute('/invite/tok-123');

    expect(await screen.findByRole('heading', { level: 1, name: 'Join Bottega Italiana' })).toBeInTheDocument();
    expect(screen.getByText('You have been invited to join Bottega Italiana as Agent.')).toBeInTheDocument();
    expect(screen.getByLabelText('Invited address')).toHaveValue('new.person@example.com');

    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('This field is required.')).toBeInTheDocument();
    expect(screen.getByText('Use at least 10 characters.')).toBeInTheDocument();

    await user.type(screen.getByLabelText('Your name'), 'Nuova Persona');
    await user.type(screen.getByLabelText('Password'), 'a-long-password');
    await user.type(screen.getByLabelText('Confirm password'), 'a-different-one');
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('The passwords do not match.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Confirm password'));
    await user.type(screen.getByLabelText('Confirm password'), 'a-long-password');
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Bottega Italiana' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe(`/w/${SHOP_ID}`);
    const [, init] = callsTo(fetchMock, `${INVITATION}/accept`, 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ name: 'Nuova Persona', password: 'a-long-password' });
  });

  it('asks an existing user for their password only, and says when it is wrong', async () => {
    mockFetch({
      [INVITATION]: { body: { ...preview, existingUser: true, email: 'agent@shopme.test' } },
      [`POST ${INVITATION}/accept`]: problem(401, 'Unauthorized'),
    });
    const { user } = renderRoute('/invite/tok-123');

    expect(await screen.findByText('You already have a ShopMe account: enter its password to accept.')).toBeInTheDocument();
    expect(screen.queryByLabelText('Your name')).not.toBeInTheDocument();
    expect(screen.queryByLabelText('Confirm password')).not.toBeInTheDocument();

    await user.type(screen.getByLabelText('Password'), 'not-my-password');
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));

    expect(await screen.findByText('The password is not correct.')).toBeInTheDocument();
  });

  it.each([
    [410, 'This invitation has expired or has already been used.'],
    [404, 'This invitation link is not valid.'],
  ])('explains a %i', async (status, message) => {
    mockFetch({ [INVITATION]: problem(status, 'Gone') });
    renderRoute('/invite/tok-123');

    expect(await screen.findByRole('heading', { level: 1, name: message })).toBeInTheDocument();
    expect(screen.getByText('Ask the person who invited you to send a new invitation.')).toBeInTheDocument();
  });

  it('opens the invited workspace also when the user has others', async () => {
    const me = makeMe('admin', membership('agent', { workspaceId: 'ws-new', workspaceName: 'Nuovo Negozio' }));
    mockFetch({
      [INVITATION]: { body: { ...preview, workspaceName: 'Nuovo Negozio', existingUser: true } },
      [`POST ${INVITATION}/accept`]: { body: me },
    });
    const { user, router } = renderRoute('/invite/tok-123');

    await user.type(await screen.findByLabelText('Password'), 'shopme-demo-password');
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Nuovo Negozio' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/w/ws-new');
  });
});
