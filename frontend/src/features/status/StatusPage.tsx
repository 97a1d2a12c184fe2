import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { formatTime } from '@/lib/format';
import { useReadiness } from './api/readiness';
import { useVersion } from './api/version';
import { ChecksCard } from './components/ChecksCard';
import { OverallStatusCard } from './components/OverallStatusCard';
import { QueryError } from './components/QueryError';
import { ServerCard } from './components/ServerCard';

function LoadingCard({ children }: { children: ReactNode }) {
  return (
    <Card aria-busy="true">
      <CardContent className="animate-pulse text-sm text-slate-500">{children}</CardContent>
    </Card>
  );
}

export function StatusPage() {
  const { t, i18n } = useTranslation();
  const readiness = useReadiness();
  const version = useVersion();
  const locale = i18n.resolvedLanguage ?? 'en';
  const fetching = readiness.isFetching || version.isFetching;

  function handleRefresh() {
    void readiness.refetch();
    void version.refetch();
  }

  function handleRetryReadiness() {
    void readiness.refetch();
  }

  function handleRetryVersion() {
    void version.refetch();
  }

  return (
    <div className="flex flex-col gap-6">
      <title>{`${t('status.title')} · ${t('app.name')}`}</title>

      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('status.title')}</h1>
          <p className="mt-1 text-sm text-slate-600">{t('status.subtitle')}</p>
        </div>
        <div className="flex items-center gap-3">
          <p className="text-right text-xs text-slate-500">
            {t('status.autoRefresh')}
            {readiness.dataUpdatedAt > 0 && (
              <>
                <br />
                {t('status.lastChecked', { time: formatTime(readiness.dataUpdatedAt, locale) })}
              </>
            )}
          </p>
          <Button variant="secondary" size="sm" onClick={handleRefresh} disabled={fetching}>
            {t('status.refresh')}
          </Button>
        </div>
      </div>

      {readiness.isError ? (
        <QueryError message={t('status.errors.readiness')} error={readiness.error} onRetry={handleRetryReadiness} />
      ) : readiness.data ? (
        <OverallStatusCard readiness={readiness.data} />
      ) : (
        <LoadingCard>{t('status.loading')}</LoadingCard>
      )}

      <div className="grid gap-6 lg:grid-cols-2">
        {readiness.data && !readiness.isError && <ChecksCard readiness={readiness.data} />}

        {version.isError ? (
          <QueryError message={t('status.errors.version')} error={version.error} onRetry={handleRetryVersion} />
        ) : version.data ? (
          <ServerCard version={version.data} />
        ) : (
          <LoadingCard>{t('status.loading')}</LoadingCard>
        )}
      </div>
    </div>
  );
}
