import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import type { MigrationRef, Readiness } from '../api/readiness';

type ChecksCardProps = {
  readiness: Readiness;
};

function migrationLabel(ref: MigrationRef): string {
  if (typeof ref !== 'object') return String(ref);
  return [ref.version, ref.name].filter((part) => part !== undefined && part !== '').join(' ') || JSON.stringify(ref);
}

function CheckBadge({ ok }: { ok: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge tone={ok ? 'success' : 'danger'} dot>
      {ok ? t('status.checks.ok') : t('status.checks.failing')}
    </Badge>
  );
}

function CheckRow({ name, ok, children }: { name: string; ok: boolean; children?: ReactNode }) {
  return (
    <li className="flex flex-col gap-1.5 py-3 first:pt-0 last:pb-0">
      <div className="flex items-center justify-between gap-3">
        <h3 className="text-sm font-medium text-slate-900">{name}</h3>
        <CheckBadge ok={ok} />
      </div>
      {children}
    </li>
  );
}

function MigrationList({ label, refs }: { label: string; refs: MigrationRef[] }) {
  const labelId = useId();
  if (refs.length === 0) return null;
  return (
    <div>
      <p id={labelId} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {label}
      </p>
      <ul aria-labelledby={labelId} className="mt-1 flex flex-wrap gap-1.5">
        {refs.map((ref) => (
          <li key={migrationLabel(ref)} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">
            {migrationLabel(ref)}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ChecksCard({ readiness }: ChecksCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const { database, migrations } = readiness.checks;

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('status.checks.title')}</CardTitle>
      </CardHeader>
      <CardContent>
        <ul className="divide-y divide-slate-100">
          <CheckRow name={t('status.checks.database')} ok={database.ok}>
            {database.detail && <p className="text-sm text-slate-600">{database.detail}</p>}
          </CheckRow>
          <CheckRow name={t('status.checks.migrations')} ok={migrations.ok}>
            <p className="text-sm text-slate-600">
              {t('status.checks.migrationsApplied', { applied: migrations.applied, expected: migrations.expected })}
            </p>
            {migrations.detail && <p className="text-sm text-slate-600">{migrations.detail}</p>}
            <MigrationList label={t('status.checks.pending')} refs={migrations.pending} />
            <MigrationList label={t('status.checks.drifted')} refs={migrations.drifted} />
          </CheckRow>
        </ul>
      </CardContent>
    </Card>
  );
}
