import { assignableRoles, can, canManageMember, canOpenSection } from './permissions';

describe('permissions', () => {
  it('gives admins everything', () => {
    expect(can('admin', 'workspace.settings')).toBe(true);
    expect(can('admin', 'mailOutbox.view')).toBe(true);
    expect(assignableRoles('admin')).toEqual(['admin', 'manager', 'agent']);
    expect(canManageMember('admin', 'admin')).toBe(true);
    expect(can('admin', 'channel.manage')).toBe(true);
  });

  it('lets managers run the team except admins, without settings or outbox', () => {
    expect(can('manager', 'team.manage')).toBe(true);
    expect(can('manager', 'catalog.manage')).toBe(true);
    expect(can('manager', 'workspace.settings')).toBe(false);
    expect(can('manager', 'mailOutbox.view')).toBe(false);
    expect(can('manager', 'channel.manage')).toBe(false);
    expect(can('manager', 'inbox.use')).toBe(true);
    expect(assignableRoles('manager')).toEqual(['manager', 'agent']);
    expect(canManageMember('manager', 'admin')).toBe(false);
    expect(canManageMember('manager', 'agent')).toBe(true);
  });

  it('keeps agents to the inbox, customers and orders, with the catalog read-only', () => {
    expect(can('agent', 'inbox.use')).toBe(true);
    expect(can('agent', 'catalog.view')).toBe(true);
    expect(can('agent', 'catalog.manage')).toBe(false);
    expect(can('agent', 'offers.manage')).toBe(false);
    expect(can('agent', 'customers.view')).toBe(true);
    expect(can('agent', 'customers.manage')).toBe(false);
    expect(can('agent', 'orders.process')).toBe(true);
    expect(can('agent', 'team.view')).toBe(false);
    expect(assignableRoles('agent')).toEqual([]);
    expect(canManageMember('agent', 'agent')).toBe(false);
  });

  it('maps sections to permissions', () => {
    expect(canOpenSection('agent', '')).toBe(true);
    expect(canOpenSection('agent', 'profile')).toBe(true);
    expect(canOpenSection('agent', 'team')).toBe(false);
    expect(canOpenSection('manager', 'team')).toBe(true);
    expect(canOpenSection('manager', 'settings')).toBe(false);
    expect(canOpenSection('manager', 'settings/whatsapp')).toBe(false);
    expect(canOpenSection('admin', 'settings/whatsapp')).toBe(true);
    expect(canOpenSection('agent', 'settings/whatsapp')).toBe(false);
    expect(canOpenSection(undefined, '')).toBe(false);
    for (const section of ['inbox', 'simulator', 'products', 'categories', 'services', 'faqs', 'offers', 'customers'] as const) {
      expect(canOpenSection('agent', section)).toBe(true);
    }
  });
});
