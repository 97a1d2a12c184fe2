import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { orderProgress, type OrderLink, type ShippingAddress } from './api';
import { PublicCard } from './components';
import { countryName, formatLongDateTime } from './format';
import { OrderSummary } from './OrderSummary';

function Section({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-2">
      <h2 id={titleId} className="text-sm font-semibold tracking-wide text-slate-500 uppercase">
        {title}
      </h2>
      {children}
    </section>
  );
}

/** "Via Roma 1", "20121 Milano", "Italy". */
export function AddressLines({ address }: { address: ShippingAddress }) {
  const { i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const lines = [
    address.line1,
    [address.postalCode, address.city].filter(Boolean).join(' '),
    address.country ? countryName(address.country, locale) : '',
  ].filter(Boolean);
  return (
    <address className="text-sm text-slate-800 not-italic">
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </address>
  );
}

/** An order link: where the order is, its history, the parcel's tracking, the address and the invoice. */
export function OrderView({ link }: { link: OrderLink }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const { order } = link;
  const progress = orderProgress(link);
  const hasTracking = Boolean(progress.trackingNumber || progress.trackingUrl);

  return (
    <PublicCard title={t('publicLinks.order.title', { code: order.code })} eyebrow={link.workspace.name}>
      <dl className="-mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        <dt className="text-slate-600">{t('publicLinks.order.status')}</dt>
        <dd className="font-semibold text-slate-900">{t(`orders.statuses.${order.status}`)}</dd>
        <dt className="text-slate-600">{t('publicLinks.order.payment')}</dt>
        <dd className="text-slate-900">{t(`orders.paymentStatuses.${order.paymentStatus}`)}</dd>
      </dl>

      {hasTracking && (
        <Section title={t('publicLinks.order.tracking')}>
          {progress.trackingNumber && (
            <p className="text-sm text-slate-800">
              {t('publicLinks.order.trackingNumber')}{' '}
              <span className="font-mono font-medium text-slate-900">{progress.trackingNumber}</span>
            </p>
          )}
          {progress.trackingUrl && (
            <a
              href={progress.trackingUrl}
              target="_blank"
              rel="noopener noreferrer"
              className="inline-flex h-11 items-center justify-center rounded-md bg-brand-600 px-4 text-base font-medium text-white hover:bg-brand-700 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 sm:h-9 sm:self-start sm:text-sm"
            >
              {t('publicLinks.order.trackParcel')}
            </a>
          )}
        </Section>
      )}

      {progress.events.length > 0 && (
        <Section title={t('publicLinks.order.history')}>
          <ol className="flex flex-col gap-3 border-l border-slate-200 pl-4">
            {progress.events.map((event, index) => (
              <li key={`${event.at}-${index}`} className="relative text-sm">
                <span aria-hidden="true" className="absolute top-1.5 -left-[21px] size-2.5 rounded-full bg-brand-600 ring-2 ring-white" />
                <p className="font-medium text-slate-900">{t(`orders.statuses.${event.toStatus}`)}</p>
                <p className="text-slate-600">
                  <time dateTime={event.at}>{formatLongDateTime(event.at, locale)}</time>
                </p>
              </li>
            ))}
          </ol>
        </Section>
      )}

      {progress.shippingAddress && (
        <Section title={t('publicLinks.order.shippingAddress')}>
          <AddressLines address={progress.shippingAddress} />
        </Section>
      )}

      {progress.invoice.available && (
        <Section title={t('publicLinks.order.invoice')}>
          <p className="text-sm text-slate-800">
            {progress.invoice.number
              ? t('publicLinks.order.invoiceReady', { number: progress.invoice.number })
              : t('publicLinks.order.invoiceReadyNoNumber')}
          </p>
        </Section>
      )}

      <OrderSummary order={order} />
    </PublicCard>
  );
}
