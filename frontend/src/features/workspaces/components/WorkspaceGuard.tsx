import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Outlet } from 'react-router';
import { MessagePage } from '@/components/layout/MessagePage';
import { Button } from '@/components/ui/button';
import { useMe } from '@/features/auth/api/auth';
import { storeLastWorkspace } from '../lastWorkspace';
import { useCurrentMembership } from '../useCurrentMembership';

/** `/w/:workspaceId`: only for members of that workspace; remembers it as the last one used. */
export function WorkspaceGuard() {
  const { t } = useTranslation();
  const me = useMe();
  const membership = useCurrentMembership();
  const userId = me.data?.user.id;
  const workspaceId = membership?.workspaceId;

  useEffect(() => {
    if (userId && workspaceId) storeLastWorkspace(userId, workspaceId);
  }, [userId, workspaceId]);

  if (membership) return <Outlet />;
  return (
    <MessagePage
      code="404"
      title={t('guard.workspaceNotFound.title')}
      description={t('guard.workspaceNotFound.description')}
      action={
        <Button asChild>
          <Link to="/">{t('guard.workspaceNotFound.back')}</Link>
        </Button>
      }
    />
  );
}
