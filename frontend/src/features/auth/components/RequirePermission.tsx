import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { MessagePage } from '@/components/layout/MessagePage';
import { Button } from '@/components/ui/button';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { can, canOpenSection, type Permission, type WorkspaceSection } from '../permissions';

type RequirePermissionProps = {
  section: WorkspaceSection;
  /** A further permission the page needs, e.g. `catalog.manage` for "new product". */
  permission?: Permission;
};

/** Guards a workspace section: a role without access sees "not allowed" instead of the page. */
export function RequirePermission({ section, permission }: RequirePermissionProps) {
  const { t } = useTranslation();
  const membership = useCurrentMembership();
  const allowed =
    membership !== undefined &&
    canOpenSection(membership.role, section) &&
    (permission === undefined || can(membership.role, permission));

  if (allowed) return <Outlet />;
  return (
    <MessagePage
      code="403"
      title={t('guard.notAllowed.title')}
      description={t('guard.notAllowed.description')}
      action={
        membership && (
          <Button asChild>
            <Link to={workspaceSectionPath(membership.workspaceId)}>{t('guard.notAllowed.back')}</Link>
          </Button>
        )
      }
    />
  );
}
