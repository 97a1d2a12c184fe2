import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Table, TableBody, TableHead, Td, Th } from '@/components/data/table';
import { Card, CardHeader, CardTitle } from '@/components/ui/card';
import { formatMoney } from '@/lib/money';
import type { Order } from '../api/orders';

/** The order's lines and, under them, how the total is made up (prices include tax). */
export function OrderLines({ order }: { order: Order }) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const locale = i18n.resolvedLanguage ?? 'en';
  const money = (minor: number) => formatMoney(minor, order.currency, locale);

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('orders.detail.lines')}</CardTitle>
      </CardHeader>
      <Table aria-label={t('orders.detail.lines')}>
        <TableHead>
          <tr>
            <Th>{t('orders.line.name')}</Th>
            <Th>{t('orders.line.sku')}</Th>
            <Th className="text-right">{t('orders.line.unitPrice')}</Th>
            <Th className="text-right">{t('orders.line.quantity')}</Th>
            <Th className="text-right">{t('orders.line.discount')}</Th>
            <Th className="text-right">{t('orders.line.total')}</Th>
          </tr>
        </TableHead>
        <TableBody>
          {order.lines.map((line) => (
            <tr key={line.lineNo}>
              <Td className="font-medium text-slate-900">{line.name}</Td>
              <Td className="font-mono text-xs text-slate-600">{line.sku}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{money(line.unitPrice)}</Td>
              <Td className="text-right tabular-nums">{line.quantity}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{line.discount > 0 ? money(-line.discount) : '—'}</Td>
              <Td className="text-right whitespace-nowrap tabular-nums">{money(line.total)}</Td>
            </tr>
          ))}
        </TableBody>
      </Table>
      <dl
        aria-label={t('orders.totals.label')}
        className="ml-auto grid max-w-sm grid-cols-[1fr_auto] gap-x-8 gap-y-1.5 border-t border-slate-100 px-5 py-4 text-sm"
      >
        <dt className="text-slate-600">{t('orders.totals.subtotal')}</dt>
        <dd className="text-right tabular-nums">{money(order.subtotal)}</dd>
        <dt className="text-slate-600">
          {order.promoCode ? t('orders.totals.discountWithCode', { code: order.promoCode }) : t('orders.totals.discount')}
        </dt>
        <dd className="text-right tabular-nums">{order.discount > 0 ? money(-order.discount) : money(0)}</dd>
        <dt className="text-slate-600">{t('orders.totals.shipping')}</dt>
        <dd className="text-right tabular-nums">{money(order.shipping)}</dd>
        <dt className="text-base font-semibold text-slate-900">{t('orders.totals.total')}</dt>
        <dd className="text-right text-base font-semibold text-slate-900 tabular-nums">{money(order.total)}</dd>
        <dt className="text-xs text-slate-500">{t('orders.totals.taxIncluded')}</dt>
        <dd className="text-right text-xs text-slate-500 tabular-nums">{money(order.tax)}</dd>
      </dl>
    </Card>
  );
}
