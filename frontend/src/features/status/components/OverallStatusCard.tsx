import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { cn } from '@/lib/cn';
import type { Readiness } from '../api/readiness';

type OverallStatusCardProps = {
  readiness: Readiness;
};

export function OverallStatusCard({ readiness }: OverallStatusCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const ready = readiness.status === 'ready';

  return (
    <Card aria-labelledby={titleId} className={cn('border-l-4', ready ? 'border-l-emerald-500' : 'border-l-red-500')}>
      <CardHeader>
        <CardTitle id={titleId}>{t('status.overall.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex items-center gap-4">
        <span
          aria-hidden="true"
          className={cn(
            'flex size-10 shrink-0 items-center justify-center rounded-full text-lg font-bold text-white',
            ready ? 'bg-emerald-500' : 'bg-red-500',
          )}
        >
          {ready ? '✓' : '!'}
        </span>
        <div>
          <p className={cn('text-2xl font-semibold', ready ? 'text-emerald-700' : 'text-red-700')}>
            {ready ? t('status.overall.ready') : t('status.overall.notReady')}
          </p>
          <p className="text-sm text-slate-600">
            {ready ? t('status.overall.readyDescription') : t('status.overall.notReadyDescription')}
          </p>
        </div>
      </CardContent>
    </Card>
  );
}
