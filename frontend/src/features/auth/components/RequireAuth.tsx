import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation } from 'react-router';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { AppLoading } from '@/components/layout/AppLoading';
import { Button } from '@/components/ui/button';
import { isApiError } from '@/lib/api';
import { useMe } from '../api/auth';
import { loginPath } from '../session';

/** Renders its child routes for a logged-in user; sends everyone else to the login page. */
export function RequireAuth() {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();

  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      return <Navigate to={loginPath(`${location.pathname}${location.search}${location.hash}`)} replace />;
    }
    return (
      <div className="mx-auto max-w-md px-4 py-24">
        <ProblemAlert error={me.error} message={t('guard.sessionFailed')} className="flex flex-col items-start gap-2">
          <Button variant="secondary" size="sm" onClick={() => void me.refetch()}>
            {t('common.retry')}
          </Button>
        </ProblemAlert>
      </div>
    );
  }
  if (me.isPending) return <AppLoading />;
  return <Outlet />;
}
