import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Card, CardContent } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { formatDay } from '@/lib/format';
import { useAgentUsage, type UsageRange } from './api/usage';
import { UsageRangeForm } from './components/UsageRangeForm';
import { UsageTable } from './components/UsageTable';
import { UsageTotals } from './components/UsageTotals';

/** The period asked for in the URL (`?from=&to=`), if both ends are there. */
function rangeFromUrl(params: URLSearchParams): UsageRange | undefined {
  const from = params.get('from');
  const to = params.get('to');
  return from && to ? { from, to } : undefined;
}

/**
 * `/w/:workspaceId/agent/usage` (Admins): what the AI agent did day by day — customer messages,
 * replies, model turns and tokens — and the orders and revenue of the period. Without a period in
 * the URL the server shows the last 30 days.
 */
export function AgentUsagePage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const { workspaceId = '' } = useParams();
  const [params, setParams] = useSearchParams();
  const asked = rangeFromUrl(params);
  const usage = useAgentUsage(workspaceId, asked);
  const data = usage.data;
  const shown = asked ?? (data ? { from: data.from, to: data.to } : undefined);
  const quiet = data !== undefined && data.totals.inboundMessages === 0 && data.totals.orders === 0;

  function show(range: UsageRange) {
    setParams({ from: range.from, to: range.to });
  }

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('agentUsage.title')}
        description={
          <>
            {t('agentUsage.subtitle')}{' '}
            <TextLink to={workspaceSectionPath(workspaceId, 'settings/agent')}>{t('agentUsage.settingsLink')}</TextLink>
          </>
        }
      />
      {shown && (
        <Card>
          <CardContent className="flex flex-col gap-2">
            <UsageRangeForm
              key={`${shown.from}/${shown.to}`}
              range={shown}
              onChange={show}
              error={usage.error}
              pending={usage.isFetching}
            />
            {data && (
              <p className="text-xs text-slate-500" aria-live="polite">
                {t('agentUsage.range.shown', { from: formatDay(data.from, locale), to: formatDay(data.to, locale) })}
              </p>
            )}
          </CardContent>
        </Card>
      )}
      {usage.isError ? (
        <ProblemAlert error={usage.error} message={t('agentUsage.loadFailed')} />
      ) : data ? (
        <div aria-busy={usage.isPlaceholderData} className="flex flex-col gap-6">
          <UsageTotals usage={data} />
          {quiet && <p className="text-sm text-slate-600">{t('agentUsage.quiet')}</p>}
          <UsageTable usage={data} />
        </div>
      ) : (
        <Loading />
      )}
    </div>
  );
}
