import { screen } from '@testing-library/react';
import type { Me } from '@/features/auth/api/auth';
import { callsTo, mockFetch } from '@/test/fetchMock';
import { makeMe, membership, shopWorkspace } from '@/test/fixtures';
import { renderRoute } from '@/test/render';

describe('CreateWorkspacePage', () => {
  it('creates the first workspace and opens it', async () => {
    let me: Me = { ...makeMe('admin'), memberships: [] };
    const fetchMock = mockFetch({
      'GET /api/auth/me': () => ({ body: me }),
      'POST /api/workspaces': ({ body }) => {
        me = { ...me, memberships: [membership('admin', { workspaceId: 'ws-new', workspaceName: 'Pizzeria Da Gino' })] };
        return { status: 201, body: { ...shopWorkspace, ...(body as object), id: 'ws-new' } };
      },
    });
    const { user, router } = renderRoute('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Create your first workspace' })).toBeInTheDocument();
    await user.type(screen.getByLabelText('Business name'), 'Pizzeria Da Gino');
    await user.selectOptions(screen.getByLabelText('Business type'), 'restaurant');
    await user.clear(screen.getByLabelText('Currency'));
    await user.type(screen.getByLabelText('Currency'), 'chf');
    await user.type(screen.getByLabelText('Short name'), 'Da Gino');
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));
    expect(await screen.findByText('Use lowercase letters, digits and hyphens only.')).toBeInTheDocument();

    await user.clear(screen.getByLabelText('Short name'));
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Pizzeria Da Gino' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/w/ws-new');
    const [, init] = callsTo(fetchMock, '/api/workspaces', 'POST')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toMatchObject({
      name: 'Pizzeria Da Gino',
      currency: 'CHF',
      defaultLanguage: 'en',
      businessType: 'restaurant',
    });
    expect(JSON.parse(String(init?.body))).not.toHaveProperty('slug');
  });
});
