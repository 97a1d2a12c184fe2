import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Table, TableBody, TableHead, Td, Th } from '@/components/data/table';
import { Card, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { formatDay } from '@/lib/format';
import { formatMoney } from '@/lib/money';
import type { AgentUsage } from '../api/usage';

/** Every day of the period, newest first, with a bar for its customer messages next to the busiest day's. */
export function UsageTable({ usage }: { usage: AgentUsage }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const locale = i18n.resolvedLanguage ?? 'en';
  const number = new Intl.NumberFormat(locale);
  const busiest = Math.max(1, ...usage.days.map((day) => day.inboundMessages));
  const days = [...usage.days].reverse();

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('agentUsage.table.title')}</CardTitle>
        <CardDescription>{t('agentUsage.table.description')}</CardDescription>
      </CardHeader>
      <Table aria-labelledby={titleId}>
        <TableHead>
          <tr>
            <Th>{t('agentUsage.fields.day')}</Th>
            <Th>{t('agentUsage.fields.inboundMessages')}</Th>
            <Th className="text-right">{t('agentUsage.fields.agentReplies')}</Th>
            <Th className="text-right">{t('agentUsage.fields.agentTurns')}</Th>
            <Th className="text-right">{t('agentUsage.fields.promptTokens')}</Th>
            <Th className="text-right">{t('agentUsage.fields.completionTokens')}</Th>
            <Th className="text-right">{t('agentUsage.fields.orders')}</Th>
            <Th className="text-right">{t('agentUsage.fields.paidOrders')}</Th>
            <Th className="text-right">{t('agentUsage.fields.revenue')}</Th>
          </tr>
        </TableHead>
        <TableBody>
          {days.map((day) => (
            <tr key={day.day}>
              <Td className="whitespace-nowrap">
                <time dateTime={day.day}>{formatDay(day.day, locale, { weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })}</time>
              </Td>
              <Td className="min-w-40">
                <span className="flex items-center gap-2">
                  <span className="w-10 shrink-0 text-right tabular-nums">{number.format(day.inboundMessages)}</span>
                  <span aria-hidden="true" className="h-2 flex-1 rounded-full bg-slate-100">
                    <span
                      data-testid="messages-bar"
                      className="block h-2 rounded-full bg-brand-500"
                      style={{ width: `${(day.inboundMessages / busiest) * 100}%` }}
                    />
                  </span>
                </span>
              </Td>
              <Td className="text-right tabular-nums">{number.format(day.agentReplies)}</Td>
              <Td className="text-right tabular-nums">{number.format(day.agentTurns)}</Td>
              <Td className="text-right tabular-nums">{number.format(day.promptTokens)}</Td>
              <Td className="text-right tabular-nums">{number.format(day.completionTokens)}</Td>
              <Td className="text-right tabular-nums">{number.format(day.orders)}</Td>
              <Td className="text-right tabular-nums">{number.format(day.paidOrders)}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{formatMoney(day.revenue, usage.currency, locale)}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
    </Card>
  );
}
