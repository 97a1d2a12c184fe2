import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useLocation, useParams } from 'react-router';
import { useListPath } from '@/components/data/listLinks';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { TextLink } from '@/components/ui/text-link';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { formatDateTime } from '@/lib/format';
import { useLiveUpdates } from '@/lib/live';
import { invoicePdfPath, useOrder, type Order, type OrderAddress } from './api/orders';
import type { CreatedOrderState } from './components/NewOrderForm';
import { OrderActions } from './components/OrderActions';
import { OrderStatusBadge, PaymentStatusBadge } from './components/OrderBadges';
import { OrderLines } from './components/OrderLines';
import { OrderTimeline } from './components/OrderTimeline';
import { PaymentLinkCard } from './components/PaymentLinkCard';
import { RefundCard } from './components/RefundCard';
import { TrackingForm } from './components/TrackingForm';

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/** "Via Roma 1", "20121 Milano", "IT": the lines of an address that are filled in. */
function addressLines(address: OrderAddress): string[] {
  return [text(address.line1), [text(address.postalCode), text(address.city)].filter(Boolean).join(' '), text(address.country)].filter(
    Boolean,
  );
}

function ShippingCard({ order }: { order: Order }) {
  const { t } = useTranslation();
  const titleId = useId();
  const lines = addressLines(order.shippingAddress ?? {});
  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('orders.detail.shippingAddress')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-3 text-sm">
        {lines.length > 0 ? (
          <address className="not-italic text-slate-800">
            {lines.map((line) => (
              <p key={line}>{line}</p>
            ))}
          </address>
        ) : (
          <p className="text-slate-500">{t('orders.detail.noAddress')}</p>
        )}
        {order.notes && (
          <div>
            <p className="font-medium text-slate-800">{t('orders.detail.notes')}</p>
            <p className="whitespace-pre-line text-slate-700">{order.notes}</p>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

/**
 * `/w/:workspaceId/orders/:orderId`: the order's lines and totals, shipping and tracking, its
 * history, and the next steps the member's role allows.
 */
export function OrderDetailPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const { workspaceId = '', orderId = '' } = useParams();
  // A payment, refund or failed payment shows here as it happens.
  useLiveUpdates(workspaceId);
  const listPath = useListPath('orders');
  const membership = useCurrentMembership();
  const order = useOrder(workspaceId, orderId);
  const data = order.data;
  // Just created from the "New order" page: the link where the customer pays.
  const created = (useLocation().state as CreatedOrderState | null) ?? null;

  return (
    <div className="flex flex-col gap-6">
      <TextLink to={listPath}>← {t('orders.back')}</TextLink>
      {order.isError ? (
        <ProblemAlert error={order.error} message={t('orders.detail.loadFailed')} />
      ) : data ? (
        <>
          <PageHeader
            title={data.code}
            description={
              <span className="flex flex-wrap items-center gap-2">
                <OrderStatusBadge status={data.status} />
                <PaymentStatusBadge status={data.paymentStatus} />
                <TextLink to={`${workspaceSectionPath(workspaceId, 'customers')}/${encodeURIComponent(data.customer.id)}`}>
                  {data.customer.name}
                </TextLink>
                <span>{t('orders.detail.placed', { date: formatDateTime(data.createdAt, locale) })}</span>
              </span>
            }
            actions={
              data.invoiceNumber && (
                <Button asChild variant="secondary">
                  <a href={invoicePdfPath(workspaceId, data.id)} target="_blank" rel="noopener">
                    {t('orders.detail.invoicePdf', { number: data.invoiceNumber })}
                  </a>
                </Button>
              )
            }
          />
          {created?.paymentLink && (
            <PaymentLinkCard
              link={created.paymentLink}
              asked={created.paymentLinkAsked}
              sent={created.paymentLinkSent}
              customer={data.customer.name}
            />
          )}
          {data.status === 'pending_payment' && data.paymentExpiresAt && (
            <p className="text-sm text-slate-600">
              {t('orders.detail.paymentExpires', { date: formatDateTime(data.paymentExpiresAt, locale) })}
            </p>
          )}
          <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
            <div className="flex flex-col gap-6">
              <OrderLines order={data} />
              <OrderTimeline events={data.events} />
            </div>
            <div className="flex flex-col gap-6">
              <OrderActions workspaceId={workspaceId} order={data} role={membership?.role} />
              <RefundCard workspaceId={workspaceId} order={data} role={membership?.role} />
              <ShippingCard order={data} />
              <TrackingForm key={`${data.trackingNumber ?? ''} ${data.trackingUrl ?? ''}`} workspaceId={workspaceId} order={data} />
            </div>
          </div>
        </>
      ) : (
        <Loading />
      )}
    </div>
  );
}
