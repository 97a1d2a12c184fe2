/**
 * Who may do what inside a workspace. The server enforces the same rules; the dashboard uses
 * this matrix to decide which navigation entries, pages and actions to show.
 */

export type Role = 'admin' | 'manager' | 'agent';

export const ROLES: readonly Role[] = ['admin', 'manager', 'agent'];

export type Permission =
  | 'workspace.settings'
  | 'team.view'
  | 'team.manage'
  | 'team.manageAdmins'
  | 'mailOutbox.view'
  | 'catalog.view'
  | 'catalog.manage'
  | 'offers.manage'
  | 'orders.view'
  | 'orders.process'
  | 'orders.manage'
  | 'customers.view'
  | 'customers.manage'
  | 'inbox.use'
  | 'channel.manage';

const MATRIX: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([
    'workspace.settings',
    'team.view',
    'team.manage',
    'team.manageAdmins',
    'mailOutbox.view',
    'catalog.view',
    'catalog.manage',
    'offers.manage',
    'orders.view',
    'orders.process',
    'orders.manage',
    'customers.view',
    'customers.manage',
    'inbox.use',
    'channel.manage',
  ]),
  manager: new Set<Permission>([
    'team.view',
    'team.manage',
    'catalog.view',
    'catalog.manage',
    'offers.manage',
    'orders.view',
    'orders.process',
    'orders.manage',
    'customers.view',
    'customers.manage',
    'inbox.use',
  ]),
  agent: new Set<Permission>(['inbox.use', 'catalog.view', 'customers.view', 'orders.view', 'orders.process']),
};

export function isRole(value: unknown): value is Role {
  return ROLES.includes(value as Role);
}

export function can(role: Role | undefined, permission: Permission): boolean {
  return role !== undefined && MATRIX[role].has(permission);
}

/** Roles that `role` may give to others (invitations and role changes). */
export function assignableRoles(role: Role | undefined): Role[] {
  if (!can(role, 'team.manage')) return [];
  return ROLES.filter((candidate) => candidate !== 'admin' || can(role, 'team.manageAdmins'));
}

/** Whether `role` may change or remove a member who has `memberRole`. */
export function canManageMember(role: Role | undefined, memberRole: Role): boolean {
  if (!can(role, 'team.manage')) return false;
  return memberRole !== 'admin' || can(role, 'team.manageAdmins');
}

/**
 * The pages of a workspace, by their path under `/w/:workspaceId/` ('' is the overview),
 * with the permission each one needs (`null`: every member).
 */
export const WORKSPACE_SECTIONS = {
  '': null,
  inbox: 'inbox.use',
  simulator: 'inbox.use',
  products: 'catalog.view',
  categories: 'catalog.view',
  services: 'catalog.view',
  faqs: 'catalog.view',
  offers: 'catalog.view',
  customers: 'customers.view',
  orders: 'orders.view',
  team: 'team.view',
  settings: 'workspace.settings',
  'settings/whatsapp': 'channel.manage',
  'settings/payments': 'channel.manage',
  // The same Admin-only rule as the channel (the server's `manageSettings`).
  'settings/agent': 'channel.manage',
  'agent/usage': 'channel.manage',
  'mail-outbox': 'mailOutbox.view',
  status: null,
  profile: null,
} as const satisfies Record<string, Permission | null>;

export type WorkspaceSection = keyof typeof WORKSPACE_SECTIONS;

export function isWorkspaceSection(value: string): value is WorkspaceSection {
  return Object.hasOwn(WORKSPACE_SECTIONS, value);
}

export function canOpenSection(role: Role | undefined, section: WorkspaceSection): boolean {
  const permission: Permission | null = WORKSPACE_SECTIONS[section];
  return role !== undefined && (permission === null || can(role, permission));
}
