import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { isApiError } from '@/lib/api';
import { formatMoney } from '@/lib/money';
import { LoadFailed, PublicCard } from '@/features/public-links/components';
import { formatLongDateTime } from '@/features/public-links/format';
import { PublicPage } from '@/features/public-links/PublicPage';
import { usePageRestored } from '@/features/public-links/usePageRestored';
import { useFinishTestSession, useTestSession, type TestSession } from './api';

function UnknownSession() {
  const { t } = useTranslation();
  return (
    <PublicCard title={t('testGateway.unknown.title')} eyebrow={t('testGateway.title')}>
      <p className="text-sm text-slate-700">{t('testGateway.unknown.description')}</p>
    </PublicCard>
  );
}

function SessionView({ sessionId, session }: { sessionId: string; session: TestSession }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const finish = useFinishTestSession(sessionId);
  usePageRestored(finish.reset);
  const leaving = finish.isPending || finish.isSuccess;

  function handle(action: 'pay' | 'decline') {
    finish.mutate(action, { onSuccess: ({ redirectUrl }) => window.location.assign(redirectUrl) });
  }

  if (isApiError(finish.error) && finish.error.status === 404) return <UnknownSession />;

  return (
    <PublicCard title={session.shopName} eyebrow={t('testGateway.title')}>
      <Alert tone="warning">{t('testGateway.intro', { shop: session.shopName })}</Alert>
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
        <dt className="text-slate-600">{t('testGateway.order')}</dt>
        <dd className="font-mono text-slate-900">{session.orderCode}</dd>
        <dt className="text-slate-600">{t('testGateway.amount')}</dt>
        <dd className="text-lg font-semibold text-slate-900 tabular-nums">{formatMoney(session.amount, session.currency, locale)}</dd>
        <dt className="text-slate-600">{t('testGateway.expiresAt')}</dt>
        <dd className="text-slate-900">
          <time dateTime={session.expiresAt}>{formatLongDateTime(session.expiresAt, locale)}</time>
        </dd>
      </dl>
      {finish.isError && <ProblemAlert error={finish.error} message={t('testGateway.failed')} />}
      {session.status === 'open' ? (
        <div className="flex flex-col gap-2 sm:flex-row">
          <Button className="h-11 flex-1 text-base" onClick={() => handle('pay')} disabled={leaving}>
            {finish.isPending && finish.variables === 'pay' ? t('testGateway.paying') : t('testGateway.pay')}
          </Button>
          <Button variant="danger-outline" className="h-11 flex-1 text-base" onClick={() => handle('decline')} disabled={leaving}>
            {finish.isPending && finish.variables === 'decline' ? t('testGateway.declining') : t('testGateway.decline')}
          </Button>
        </div>
      ) : (
        <p role="status" className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm font-medium text-slate-800">
          {t(`testGateway.statuses.${session.status}`)}
        </p>
      )}
    </PublicCard>
  );
}

function TestGatewayContent({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const session = useTestSession(sessionId);

  if (session.data) return <SessionView sessionId={sessionId} session={session.data} />;
  if (session.isError) {
    if (isApiError(session.error) && session.error.status === 404) return <UnknownSession />;
    return <LoadFailed error={session.error} onRetry={() => void session.refetch()} retrying={session.isFetching} />;
  }
  return (
    <p aria-busy="true" className="py-24 text-center text-sm text-slate-500">
      {t('publicLinks.loading')}
    </p>
  );
}

/** `/pay/test/:sessionId`: the test provider's payment page, where a payment is made to succeed or fail. No login. */
export function TestGatewayPage() {
  const { sessionId = '' } = useParams();
  return (
    <PublicPage>
      <TestGatewayContent sessionId={sessionId} />
    </PublicPage>
  );
}
