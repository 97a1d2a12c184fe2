import type { Me, Membership } from '@/features/auth/api/auth';
import type { Role } from '@/features/auth/permissions';
import type { Workspace } from '@/features/workspaces/api/workspaces';
import type { MockRoute } from './fetchMock';

export const SHOP_ID = 'ws-shop';
export const HOTEL_ID = 'ws-hotel';

export function membership(role: Role, overrides: Partial<Membership> = {}): Membership {
  return {
    workspaceId: SHOP_ID,
    workspaceName: 'Bottega Italiana',
    workspaceSlug: 'bottega-italiana',
    workspaceStatus: 'active',
    role,
    ...overrides,
  };
}

export const hotelMembership: Membership = {
  workspaceId: HOTEL_ID,
  workspaceName: 'Hotel Belvedere',
  workspaceSlug: 'hotel-belvedere',
  workspaceStatus: 'active',
  role: 'admin',
};

/** A logged-in user with `role` in Bottega Italiana (and any further memberships). */
export function makeMe(role: Role, ...more: Membership[]): Me {
  const names: Record<Role, string> = { admin: 'Alessandra Admin', manager: 'Marco Manager', agent: 'Giulia Agent' };
  return {
    user: { id: `user-${role}`, email: `${role}@shopme.test`, name: names[role], language: 'en' },
    memberships: [membership(role), ...more],
  };
}

export const shopWorkspace: Workspace = {
  id: SHOP_ID,
  name: 'Bottega Italiana',
  slug: 'bottega-italiana',
  status: 'active',
  currency: 'EUR',
  defaultLanguage: 'it',
  timezone: 'Europe/Rome',
  businessType: 'fine_food',
  apiRateLimit: 30,
  createdAt: '2026-11-30T10:00:00Z',
};

/** `GET /api/auth/me` answering `me`. */
export function meRoute(me: Me): Record<string, MockRoute> {
  return { 'GET /api/auth/me': { body: me } };
}
