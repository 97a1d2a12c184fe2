import { screen, within } from '@testing-library/react';
import { callsTo, mockFetch, problem, type MockRoute } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID } from '@/test/fixtures';
import { renderRoute } from '@/test/render';
import type { Team } from './api/members';

const MEMBERS = `/api/workspaces/${SHOP_ID}/members`;

const team: Team = {
  items: [
    { userId: 'user-admin', email: 'admin@shopme.test', name: 'Alessandra Admin', role: 'admin', joinedAt: '2026-11-30T10:00:00Z' },
    { userId: 'user-manager', email: 'manager@shopme.test', name: 'Marco Manager', role: 'manager', joinedAt: '2026-11-30T10:00:00Z' },
    { userId: 'user-agent', email: 'agent@shopme.test', name: 'Giulia Agent', role: 'agent', joinedAt: '2026-11-30T10:00:00Z' },
  ],
  invitations: [
    { id: 'inv-1', email: 'pending@example.com', role: 'agent', expiresAt: '2026-12-07T10:00:00Z', createdAt: '2026-11-30T10:00:00Z' },
  ],
};

function renderTeam(role: 'admin' | 'manager', routes: Record<string, MockRoute> = {}) {
  const fetchMock = mockFetch({ ...meRoute(makeMe(role)), [`GET ${MEMBERS}`]: { body: team }, ...routes });
  return { fetchMock, ...renderRoute(`/w/${SHOP_ID}/team`) };
}

function optionsOf(select: HTMLElement): string[] {
  return within(select)
    .getAllByRole('option')
    .map((option) => option.textContent ?? '');
}

describe('TeamPage', () => {
  it('lets an admin give every role, including admin', async () => {
    renderTeam('admin');

    const agentRole = await screen.findByRole('combobox', { name: 'Role of Giulia Agent' });
    expect(agentRole).toHaveValue('agent');
    expect(optionsOf(agentRole)).toEqual(['Admin', 'Manager', 'Agent']);
    expect(optionsOf(screen.getByRole('combobox', { name: 'Role' }))).toEqual(['Admin', 'Manager', 'Agent']);
    expect(screen.getByRole('button', { name: 'Remove Alessandra Admin' })).toBeInTheDocument();
  });

  it('never offers the admin role to a manager, and leaves admins alone', async () => {
    renderTeam('manager');

    const agentRole = await screen.findByRole('combobox', { name: 'Role of Giulia Agent' });
    expect(optionsOf(agentRole)).toEqual(['Manager', 'Agent']);
    expect(optionsOf(screen.getByRole('combobox', { name: 'Role' }))).toEqual(['Manager', 'Agent']);

    expect(screen.queryByRole('combobox', { name: 'Role of Alessandra Admin' })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Remove Alessandra Admin' })).not.toBeInTheDocument();
    const adminRow = screen.getByRole('row', { name: /Alessandra Admin/ });
    expect(within(adminRow).getByText('Admin')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Remove Giulia Agent' })).toBeInTheDocument();
  });

  it('invites someone by email and role', async () => {
    const { user, fetchMock } = renderTeam('admin', {
      [`POST ${MEMBERS}/invitations`]: ({ body }) => ({
        status: 201,
        body: { id: 'inv-2', ...(body as object), expiresAt: '2026-12-07T10:00:00Z', createdAt: '2026-12-01T10:00:00Z' },
      }),
    });

    await user.type(await screen.findByLabelText('Email address'), 'new.person@example.com');
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role' }), 'manager');
    await user.click(screen.getByRole('button', { name: 'Send invitation' }));

    expect(await screen.findByText('Invitation sent to new.person@example.com.')).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, `${MEMBERS}/invitations`, 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ email: 'new.person@example.com', role: 'manager' });
    expect(screen.getByLabelText('Email address')).toHaveValue('');
  });

  it('changes a role and shows why the server refused to demote the last admin', async () => {
    const { user, fetchMock } = renderTeam('admin', {
      [`PATCH ${MEMBERS}/user-agent`]: { body: { ...team.items[2], role: 'manager' } },
      [`PATCH ${MEMBERS}/user-admin`]: problem(409, 'Conflict', { detail: 'A workspace needs at least one admin.' }),
    });

    await user.selectOptions(await screen.findByRole('combobox', { name: 'Role of Giulia Agent' }), 'manager');
    const [, init] = callsTo(fetchMock, `${MEMBERS}/user-agent`, 'PATCH')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ role: 'manager' });

    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Alessandra Admin' }), 'agent');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Could not change the role.');
    expect(alert).toHaveTextContent('A workspace needs at least one admin.');
    expect(screen.getByRole('combobox', { name: 'Role of Alessandra Admin' })).toHaveValue('admin');
  });

  it('asks before removing a member', async () => {
    const { user, fetchMock } = renderTeam('admin', { [`DELETE ${MEMBERS}/user-agent`]: { status: 204 } });

    await user.click(await screen.findByRole('button', { name: 'Remove Giulia Agent' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Remove Giulia Agent from the team?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(callsTo(fetchMock, `${MEMBERS}/user-agent`, 'DELETE')).toHaveLength(0);

    await user.click(screen.getByRole('button', { name: 'Remove Giulia Agent' }));
    await user.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Remove' }));
    await vi.waitFor(() => expect(callsTo(fetchMock, `${MEMBERS}/user-agent`, 'DELETE')).toHaveLength(1));
  });

  it('lists pending invitations and revokes them', async () => {
    const { user, fetchMock } = renderTeam('manager', { [`DELETE ${MEMBERS}/invitations/inv-1`]: { status: 204 } });

    const invitations = await screen.findByRole('region', { name: 'Pending invitations' });
    expect(within(invitations).getByText('pending@example.com')).toBeInTheDocument();

    await user.click(within(invitations).getByRole('button', { name: 'Revoke the invitation for pending@example.com' }));
    await vi.waitFor(() => expect(callsTo(fetchMock, `${MEMBERS}/invitations/inv-1`, 'DELETE')).toHaveLength(1));
  });
});
