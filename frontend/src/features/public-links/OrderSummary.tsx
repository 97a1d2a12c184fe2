import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/lib/money';
import type { PublicOrder } from './api';

type Amounts = Pick<PublicOrder, 'currency' | 'subtotal' | 'discount' | 'tax' | 'shipping' | 'total'>;

/** "Items" and their list, laid out for a phone: name and details on the left, the line's total on the right. */
export function LineList({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <>
      <h2 id={titleId} className="text-sm font-semibold tracking-wide text-slate-500 uppercase">
        {t('publicLinks.order.items')}
      </h2>
      <ul aria-labelledby={titleId} className="flex flex-col divide-y divide-slate-100 border-y border-slate-100">
        {children}
      </ul>
    </>
  );
}

export function LineItem({ name, total, children }: { name: string; total: string; children: ReactNode }) {
  return (
    <li className="flex items-start justify-between gap-3 py-3 text-sm">
      <div className="min-w-0">
        <p className="font-medium text-slate-900">{name}</p>
        {children}
      </div>
      <p className="shrink-0 font-medium text-slate-900 tabular-nums">{total}</p>
    </li>
  );
}

/** How the total is made up; prices include tax. */
export function Totals({ amounts }: { amounts: Amounts }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const money = (minor: number) => formatMoney(minor, amounts.currency, locale);
  return (
    <dl aria-label={t('orders.totals.label')} className="grid grid-cols-[1fr_auto] gap-x-6 gap-y-1.5 text-sm">
      <dt className="text-slate-600">{t('orders.totals.subtotal')}</dt>
      <dd className="text-right tabular-nums">{money(amounts.subtotal)}</dd>
      {amounts.discount > 0 && (
        <>
          <dt className="text-slate-600">{t('orders.totals.discount')}</dt>
          <dd className="text-right tabular-nums">{money(-amounts.discount)}</dd>
        </>
      )}
      <dt className="text-slate-600">{t('orders.totals.shipping')}</dt>
      <dd className="text-right tabular-nums">{money(amounts.shipping)}</dd>
      <dt className="text-base font-semibold text-slate-900">{t('orders.totals.total')}</dt>
      <dd className="text-right text-base font-semibold text-slate-900 tabular-nums">{money(amounts.total)}</dd>
      <dt className="text-xs text-slate-500">{t('orders.totals.taxIncluded')}</dt>
      <dd className="text-right text-xs text-slate-500 tabular-nums">{money(amounts.tax)}</dd>
    </dl>
  );
}

/** The order's items and how its total is made up. */
export function OrderSummary({ order }: { order: PublicOrder }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const money = (minor: number) => formatMoney(minor, order.currency, locale);

  return (
    <div className="flex flex-col gap-3">
      <LineList>
        {order.lines.map((line, index) => (
          <LineItem key={`${line.sku}-${index}`} name={line.name} total={money(line.total)}>
            <p className="text-slate-600">
              {t('publicLinks.order.quantityTimesPrice', { quantity: line.quantity, price: money(line.unitPrice) })}
              {line.discount > 0 && (
                <span className="text-emerald-700"> · {t('publicLinks.order.lineDiscount', { amount: money(line.discount) })}</span>
              )}
            </p>
          </LineItem>
        ))}
      </LineList>
      <Totals amounts={order} />
    </div>
  );
}
