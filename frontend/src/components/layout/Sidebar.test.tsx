import { screen, within } from '@testing-library/react';
import type { Role } from '@/features/auth/permissions';
import { mockFetch, problem } from '@/test/fetchMock';
import { makeMe, meRoute, SHOP_ID, shopWorkspace } from '@/test/fixtures';
import { renderRoute } from '@/test/render';

/** Every role uses the inbox and the test chat, reads the catalog and the customers, and handles orders. */
const INBOX = ['Inbox', 'Test chat'];
const CATALOG_AND_CUSTOMERS = ['Products', 'Categories', 'Services', 'FAQs', 'Offers', 'Customers', 'Orders'];

async function sidebarLinks(role: Role): Promise<string[]> {
  mockFetch(meRoute(makeMe(role)));
  renderRoute(`/w/${SHOP_ID}`);
  const nav = await screen.findByRole('navigation', { name: 'Main navigation' });
  return within(nav)
    .getAllByRole('link')
    .map((link) => link.textContent ?? '');
}

describe('Sidebar', () => {
  it('shows an admin every section', async () => {
    expect(await sidebarLinks('admin')).toEqual([
      'Overview',
      ...INBOX,
      ...CATALOG_AND_CUSTOMERS,
      'Team',
      'Workspace settings',
      'WhatsApp settings',
      'Payment settings',
      'AI agent',
      'Agent usage',
      'Mail outbox',
      'System status',
      'Profile',
    ]);
  });

  it('shows a manager the team but neither settings nor the mail outbox', async () => {
    expect(await sidebarLinks('manager')).toEqual([
      'Overview',
      ...INBOX,
      ...CATALOG_AND_CUSTOMERS,
      'Team',
      'System status',
      'Profile',
    ]);
  });

  it('shows an agent the catalog and customers but no team management, settings or mail outbox', async () => {
    const links = await sidebarLinks('agent');
    expect(links).toEqual(['Overview', ...INBOX, ...CATALOG_AND_CUSTOMERS, 'System status', 'Profile']);
    expect(links).not.toContain('Team');
    expect(links).not.toContain('Workspace settings');
    expect(links).not.toContain('WhatsApp settings');
    expect(links).not.toContain('Mail outbox');
  });

  it('links each section of the current workspace', async () => {
    mockFetch(meRoute(makeMe('admin')));
    renderRoute(`/w/${SHOP_ID}`);
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });

    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Mail outbox' })).toHaveAttribute('href', `/w/${SHOP_ID}/mail-outbox`);
    expect(within(nav).getByRole('link', { name: 'WhatsApp settings' })).toHaveAttribute(
      'href',
      `/w/${SHOP_ID}/settings/whatsapp`,
    );
  });

  it('marks only the WhatsApp settings as current on their page, not the workspace settings above them', async () => {
    mockFetch({ ...meRoute(makeMe('admin')), [`/api/workspaces/${SHOP_ID}/channels/whatsapp`]: problem(500, 'Oops') });
    renderRoute(`/w/${SHOP_ID}/settings/whatsapp`);
    const nav = await screen.findByRole('navigation', { name: 'Main navigation' });

    expect(await within(nav).findByRole('link', { name: 'WhatsApp settings' })).toHaveAttribute('aria-current', 'page');
    expect(within(nav).getByRole('link', { name: 'Workspace settings' })).not.toHaveAttribute('aria-current');
  });
});

describe('route guards', () => {
  it.each([
    ['agent', 'settings'],
    ['agent', 'team'],
    ['agent', 'mail-outbox'],
    ['agent', 'settings/whatsapp'],
    ['agent', 'settings/agent'],
    ['agent', 'agent/usage'],
    ['agent', 'settings/payments'],
    ['manager', 'settings'],
    ['manager', 'mail-outbox'],
    ['manager', 'settings/whatsapp'],
    ['manager', 'settings/agent'],
    ['manager', 'agent/usage'],
    ['manager', 'settings/payments'],
  ] as const)('shows "not allowed" to an %s opening %s', async (role, section) => {
    const fetchMock = mockFetch(meRoute(makeMe(role)));
    renderRoute(`/w/${SHOP_ID}/${section}`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Not allowed' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Go to the workspace overview' })).toHaveAttribute('href', `/w/${SHOP_ID}`);
    expect(fetchMock.mock.calls.map(([url]) => String(url))).toEqual(['/api/auth/me']);
  });

  it('lets an admin open the workspace settings', async () => {
    mockFetch({ ...meRoute(makeMe('admin')), [`/api/workspaces/${SHOP_ID}`]: { body: shopWorkspace } });
    renderRoute(`/w/${SHOP_ID}/settings`);

    expect(await screen.findByRole('heading', { level: 1, name: 'Workspace settings' })).toBeInTheDocument();
    expect(await screen.findByLabelText('Business name')).toHaveValue('Bottega Italiana');
  });
});
