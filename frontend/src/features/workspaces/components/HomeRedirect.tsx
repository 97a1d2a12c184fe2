import { Navigate } from 'react-router';
import { useMe, type Me } from '@/features/auth/api/auth';
import { readLastWorkspace } from '../lastWorkspace';
import { workspaceSectionPath } from '../workspaceNav';

/** The last workspace used in this browser if still a member, else the first one. */
function homePath(me: Me): string {
  const last = readLastWorkspace(me.user.id);
  const workspace =
    me.memberships.find((membership) => membership.workspaceId === last) ?? me.memberships[0];
  return workspace ? workspaceSectionPath(workspace.workspaceId) : '/workspaces/new';
}

/** `/`: opens a workspace, or asks to create the first one. */
export function HomeRedirect() {
  const me = useMe();
  if (!me.data) return null;
  return <Navigate to={homePath(me.data)} replace />;
}
