import { useParams } from 'react-router';
import { useMe, type Membership } from '@/features/auth/api/auth';

/** The logged-in user's membership in the workspace of the current URL (`/w/:workspaceId/…`). */
export function useCurrentMembership(): Membership | undefined {
  const { workspaceId } = useParams();
  const me = useMe();
  if (!workspaceId) return undefined;
  return me.data?.memberships.find((membership) => membership.workspaceId === workspaceId);
}
