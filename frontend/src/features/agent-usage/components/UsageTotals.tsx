import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/lib/money';
import type { AgentUsage } from '../api/usage';

function Stat({ label, value, detail }: { label: string; value: string; detail?: string }) {
  return (
    <div className="flex flex-col gap-1 rounded-xl border border-slate-200 bg-white px-4 py-3 shadow-sm">
      <dt className="text-xs font-medium tracking-wide text-slate-500 uppercase">{label}</dt>
      <dd className="text-2xl font-semibold text-slate-900 tabular-nums">{value}</dd>
      {detail && <dd className="text-xs text-slate-500">{detail}</dd>}
    </div>
  );
}

/** The period's totals, one card each. */
export function UsageTotals({ usage }: { usage: AgentUsage }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const locale = i18n.resolvedLanguage ?? 'en';
  const number = new Intl.NumberFormat(locale);
  const { totals } = usage;

  return (
    <section aria-labelledby={titleId}>
      <h2 id={titleId} className="sr-only">
        {t('agentUsage.totals.title')}
      </h2>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
        <Stat label={t('agentUsage.fields.inboundMessages')} value={number.format(totals.inboundMessages)} />
        <Stat
          label={t('agentUsage.fields.agentReplies')}
          value={number.format(totals.agentReplies)}
          detail={t('agentUsage.totals.turns', { value: number.format(totals.agentTurns) })}
        />
        <Stat
          label={t('agentUsage.totals.tokens')}
          value={number.format(totals.promptTokens + totals.completionTokens)}
          detail={t('agentUsage.totals.tokensDetail', {
            prompt: number.format(totals.promptTokens),
            completion: number.format(totals.completionTokens),
          })}
        />
        <Stat
          label={t('agentUsage.fields.orders')}
          value={number.format(totals.orders)}
          detail={t('agentUsage.totals.paid', { value: number.format(totals.paidOrders) })}
        />
        <Stat label={t('agentUsage.fields.revenue')} value={formatMoney(totals.revenue, usage.currency, locale)} />
      </dl>
    </section>
  );
}
