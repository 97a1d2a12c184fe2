import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { formatMoney } from '@/lib/money';
import { linkPath, type InvoiceLink, type InvoiceParty } from './api';
import { PublicCard } from './components';
import { formatLongDateTime, formatTaxRate } from './format';
import { LineItem, LineList, Totals } from './OrderSummary';
import { AddressLines } from './OrderView';

function Party({ title, party }: { title: string; party: InvoiceParty }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-1 text-sm">
      <h2 id={titleId} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
        {title}
      </h2>
      <p className="font-medium text-slate-900">{party.name}</p>
      {typeof party.address === 'string' ? (
        <address className="whitespace-pre-line text-slate-800 not-italic">{party.address}</address>
      ) : (
        party.address && <AddressLines address={party.address} />
      )}
      {party.vatNumber && <p className="text-slate-700">{t('publicLinks.invoice.vatNumber', { number: party.vatNumber })}</p>}
    </section>
  );
}

/** An invoice link: the invoice as issued, and its PDF. */
export function InvoiceView({ token, link }: { token: string; link: InvoiceLink }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const { invoice } = link;
  const money = (minor: number) => formatMoney(minor, invoice.currency, locale);

  return (
    <PublicCard title={t('publicLinks.invoice.title', { number: invoice.number })} eyebrow={link.workspace.name}>
      <dl className="-mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t('publicLinks.invoice.issuedAt')}</dt>
        <dd className="text-slate-900">
          <time dateTime={invoice.issuedAt}>{formatLongDateTime(invoice.issuedAt, locale)}</time>
        </dd>
        <dt className="text-slate-600">{t('publicLinks.invoice.order')}</dt>
        <dd className="font-mono text-slate-900">{invoice.orderCode}</dd>
      </dl>

      <Button asChild className="h-11 w-full text-base sm:h-9 sm:w-auto sm:self-start sm:text-sm">
        <a href={`${linkPath(token)}/invoice.pdf`} download>
          {t('publicLinks.invoice.download')}
        </a>
      </Button>

      <div className="grid gap-4 sm:grid-cols-2">
        <Party title={t('publicLinks.invoice.seller')} party={invoice.seller} />
        <Party title={t('publicLinks.invoice.buyer')} party={invoice.buyer} />
      </div>

      <div className="flex flex-col gap-3">
        <LineList>
          {invoice.lines.map((line, index) => (
            <LineItem key={`${line.sku}-${index}`} name={line.name} total={money(line.total)}>
              <p className="text-slate-600">
                {t('publicLinks.order.quantityTimesPrice', { quantity: line.quantity, price: money(line.unitPrice) })}
                {line.discount > 0 && (
                  <span className="text-emerald-700"> · {t('publicLinks.order.lineDiscount', { amount: money(line.discount) })}</span>
                )}
                {' · '}
                {t('publicLinks.invoice.taxRate', { rate: formatTaxRate(line.taxRate, locale) })}
              </p>
              {line.sku && <p className="font-mono text-xs text-slate-500">{line.sku}</p>}
            </LineItem>
          ))}
        </LineList>
        <Totals amounts={invoice} />
      </div>
    </PublicCard>
  );
}
