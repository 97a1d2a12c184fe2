import { screen, within } from '@testing-library/react';
import { callsTo, mockFetch } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID, shopWorkspace } from '@/test/fixtures';
import { renderRoute } from '@/test/render';

const WORKSPACE = `/api/workspaces/${SHOP_ID}`;

describe('WorkspaceSettingsPage', () => {
  it('saves the edited settings', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`GET ${WORKSPACE}`]: { body: shopWorkspace },
      [`PATCH ${WORKSPACE}`]: ({ body }) => ({ body: { ...shopWorkspace, ...(body as object) } }),
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/settings`);

    const rateLimit = await screen.findByLabelText('API rate limit');
    expect(rateLimit).toHaveValue(30);
    expect(screen.getByLabelText('Business type')).toHaveValue('fine_food');
    expect(screen.getByLabelText('Time zone')).toHaveValue('Europe/Rome');

    await user.clear(screen.getByLabelText('Business name'));
    await user.type(screen.getByLabelText('Business name'), 'Bottega Italiana Srl');
    await user.clear(rateLimit);
    await user.type(rateLimit, '0');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect(await screen.findByText('Enter a whole number between 1 and 100000.')).toBeInTheDocument();

    await user.clear(rateLimit);
    await user.type(rateLimit, '120');
    await user.selectOptions(screen.getByLabelText('Default language for customers'), 'en');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));

    expect(await screen.findByText('Settings saved.')).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, WORKSPACE, 'PATCH')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({
      name: 'Bottega Italiana Srl',
      currency: 'EUR',
      defaultLanguage: 'en',
      timezone: 'Europe/Rome',
      businessType: 'fine_food',
      apiRateLimit: 120,
    });
  });

  it('asks before deactivating the workspace', async () => {
    const fetchMock = mockFetch({
      ...meRoute(makeMe('admin')),
      [`GET ${WORKSPACE}`]: { body: shopWorkspace },
      [`PATCH ${WORKSPACE}`]: { body: { ...shopWorkspace, status: 'inactive' } },
    });
    const { user } = renderRoute(`/w/${SHOP_ID}/settings`);

    await user.click(await screen.findByRole('button', { name: 'Deactivate workspace' }));
    const dialog = await screen.findByRole('alertdialog', { name: 'Deactivate Bottega Italiana?' });
    await user.click(within(dialog).getByRole('button', { name: 'Deactivate' }));

    expect(await screen.findByRole('button', { name: 'Reactivate workspace' })).toBeInTheDocument();
    const [, init] = callsTo(fetchMock, WORKSPACE, 'PATCH')[0] ?? [];
    expect(JSON.parse(String(init?.body))).toEqual({ status: 'inactive' });
  });
});
