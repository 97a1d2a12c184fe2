import { useTranslation } from 'react-i18next';
import { useRouteError } from 'react-router';
import { Button } from '@/components/ui/button';

/** Shown when a route fails to render or its code cannot be loaded (e.g. after a deploy). */
export function RouteError() {
  const { t } = useTranslation();
  const error = useRouteError();

  function handleReload() {
    window.location.reload();
  }

  return (
    <div role="alert" className="mx-auto flex max-w-md flex-col items-center gap-3 px-4 py-24 text-center">
      <h1 className="text-xl font-semibold text-slate-900">{t('routeError.title')}</h1>
      <p className="text-sm text-slate-600">{t('routeError.description')}</p>
      {error instanceof Error && <p className="font-mono text-xs text-slate-400">{error.message}</p>}
      <Button onClick={handleReload}>{t('routeError.reload')}</Button>
    </div>
  );
}
