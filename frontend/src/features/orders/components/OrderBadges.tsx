import { useTranslation } from 'react-i18next';
import { Badge, type BadgeProps } from '@/components/ui/badge';
import type { OrderStatus, PaymentStatus } from '../api/orders';

type Tone = NonNullable<BadgeProps['tone']>;

const STATUS_TONE: Record<OrderStatus, Tone> = {
  pending_payment: 'warning',
  paid: 'success',
  processing: 'neutral',
  shipped: 'neutral',
  delivered: 'success',
  cancelled: 'danger',
  refunded: 'neutral',
  expired: 'neutral',
};

const PAYMENT_TONE: Record<PaymentStatus, Tone> = {
  unpaid: 'warning',
  paid: 'success',
  refunded: 'neutral',
  failed: 'danger',
};

export function OrderStatusBadge({ status }: { status: OrderStatus }) {
  const { t } = useTranslation();
  return (
    <Badge tone={STATUS_TONE[status]} dot>
      {t(`orders.statuses.${status}`)}
    </Badge>
  );
}

export function PaymentStatusBadge({ status }: { status: PaymentStatus }) {
  const { t } = useTranslation();
  return <Badge tone={PAYMENT_TONE[status]}>{t(`orders.paymentStatuses.${status}`)}</Badge>;
}
