import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { useRevokeSession, useSessions, type Session } from '@/features/auth/api/sessions';
import { formatDateTime } from '@/lib/format';

const BROWSERS: ReadonlyArray<readonly [RegExp, string]> = [
  [/Edg\//, 'Edge'],
  [/OPR\/|Opera/, 'Opera'],
  [/Firefox\//, 'Firefox'],
  [/Chrome\/|Chromium\//, 'Chrome'],
  [/Safari\//, 'Safari'],
];

const SYSTEMS: ReadonlyArray<readonly [RegExp, string]> = [
  [/Android/, 'Android'],
  [/iPhone|iPad|iOS/, 'iOS'],
  [/Windows/, 'Windows'],
  [/Mac OS X|Macintosh/, 'macOS'],
  [/CrOS/, 'ChromeOS'],
  [/Linux/, 'Linux'],
];

/** "Firefox on Linux" from a user-agent string, or undefined when nothing is recognised. */
function describeUserAgent(userAgent: string): string | undefined {
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  if (browser && system) return `${browser} · ${system}`;
  return browser ?? system;
}

function SessionRow({ session, onRevoke, revoking }: { session: Session; onRevoke: () => void; revoking: boolean }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const device = describeUserAgent(session.userAgent) ?? t('profile.sessions.unknownDevice');

  return (
    <li className="flex flex-wrap items-start justify-between gap-3 py-3 first:pt-0 last:pb-0">
      <div className="flex min-w-0 flex-1 flex-col gap-0.5">
        <p className="flex items-center gap-2 font-medium text-slate-900">
          {device}
          {session.current && (
            <Badge tone="success" dot>
              {t('profile.sessions.thisDevice')}
            </Badge>
          )}
        </p>
        {session.ip && <p className="text-xs text-slate-500">{t('profile.sessions.ip', { ip: session.ip })}</p>}
        <p className="text-xs text-slate-500">
          {t('profile.sessions.lastUsed', { date: formatDateTime(session.lastUsedAt, locale) })} ·{' '}
          {t('profile.sessions.started', { date: formatDateTime(session.createdAt, locale) })} ·{' '}
          {t('profile.sessions.expires', { date: formatDateTime(session.expiresAt, locale) })}
        </p>
        {session.userAgent && (
          <p className="truncate font-mono text-[11px] text-slate-400" title={session.userAgent}>
            {session.userAgent}
          </p>
        )}
      </div>
      {!session.current && (
        <Button
          variant="secondary"
          size="sm"
          aria-label={t('profile.sessions.revokeLabel', { device })}
          disabled={revoking}
          onClick={onRevoke}
        >
          {t('profile.sessions.revoke')}
        </Button>
      )}
    </li>
  );
}

export function SessionsCard() {
  const { t } = useTranslation();
  const titleId = useId();
  const sessions = useSessions();
  const revoke = useRevokeSession();

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('profile.sessions.title')}</CardTitle>
        <CardDescription>{t('profile.sessions.description')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-3">
        {revoke.isError && <ProblemAlert error={revoke.error} message={t('profile.sessions.revokeFailed')} />}
        {sessions.isError ? (
          <ProblemAlert error={sessions.error} message={t('profile.sessions.loadFailed')} />
        ) : sessions.data ? (
          sessions.data.length === 0 ? (
            <p className="text-sm text-slate-500">{t('profile.sessions.empty')}</p>
          ) : (
            <ul className="divide-y divide-slate-100 text-sm">
              {sessions.data.map((session) => (
                <SessionRow
                  key={session.id}
                  session={session}
                  revoking={revoke.isPending && revoke.variables === session.id}
                  onRevoke={() => revoke.mutate(session.id)}
                />
              ))}
            </ul>
          )
        ) : (
          <p aria-busy="true" className="text-sm text-slate-500">
            {t('common.loading')}
          </p>
        )}
      </CardContent>
    </Card>
  );
}
