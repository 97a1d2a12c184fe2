import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { CopyField } from '@/features/channel/components/CopyField';

type PaymentLinkCardProps = {
  link: string;
  /** Whether sending it on WhatsApp was asked for, and whether it went out. */
  asked: boolean;
  sent: boolean;
  customer: string;
};

/** The link where the customer pays an order just created, to copy and send. */
export function PaymentLinkCard({ link, asked, sent, customer }: PaymentLinkCardProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <Card aria-labelledby={titleId} className="border-brand-600/40">
      <CardHeader>
        <CardTitle id={titleId}>{t('orders.paymentLink.title')}</CardTitle>
        <CardDescription>
          {sent
            ? t('orders.paymentLink.sent', { customer })
            : asked
              ? t('orders.paymentLink.notDelivered', { customer })
              : t('orders.paymentLink.notSent', { customer })}
        </CardDescription>
      </CardHeader>
      <CardContent>
        <CopyField label={t('orders.paymentLink.label')} value={link} />
      </CardContent>
    </Card>
  );
}
