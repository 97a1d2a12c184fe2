import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { formatDateTime, formatDuration } from '@/lib/format';
import type { VersionInfo } from '../api/version';

type ServerCardProps = {
  version: VersionInfo;
};

export function ServerCard({ version }: ServerCardProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const locale = i18n.resolvedLanguage ?? 'en';

  const rows = [
    { label: t('status.server.version'), value: version.version },
    {
      label: t('status.server.commit'),
      value: (
        <code title={version.commit} className="font-mono">
          {version.commit.slice(0, 12)}
        </code>
      ),
    },
    {
      label: t('status.server.buildTime'),
      value: <time dateTime={version.buildTime}>{formatDateTime(version.buildTime, locale)}</time>,
    },
    { label: t('status.server.uptime'), value: formatDuration(version.uptimeSeconds, locale) },
  ];

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('status.server.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-3 text-sm">
          {rows.map((row) => (
            <div key={row.label} className="contents">
              <dt className="text-slate-500">{row.label}</dt>
              <dd className="font-medium break-all text-slate-900">{row.value}</dd>
            </div>
          ))}
        </dl>
      </CardContent>
    </Card>
  );
}
