import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { can, type Role } from '@/features/auth/permissions';
import { formatMoney } from '@/lib/money';
import { useRefundOrder, type Order } from '../api/orders';

const REASON_MAX_LENGTH = 500;

const refundSchema = z.object({
  reason: z.string().trim().min(1, validation('required')).max(REASON_MAX_LENGTH, validation('tooLong')),
  notifyCustomer: z.boolean(),
});

type RefundValues = z.infer<typeof refundSchema>;

type RefundCardProps = {
  workspaceId: string;
  order: Order;
  role: Role | undefined;
};

/**
 * Gives a paid order's money back through the payment provider, with the reason kept in its
 * history; asks first. Refunding changes money: Admins and Managers only.
 */
export function RefundCard({ workspaceId, order, role }: RefundCardProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const fieldError = useFieldErrorText();
  const refund = useRefundOrder(workspaceId, order.id);
  const [confirming, setConfirming] = useState(false);
  const {
    register,
    handleSubmit,
    trigger,
    setError,
    formState: { errors },
  } = useForm<RefundValues>({
    resolver: zodResolver(refundSchema),
    defaultValues: { reason: '', notifyCustomer: false },
  });
  const amount = formatMoney(order.total, order.currency, i18n.resolvedLanguage ?? 'en');

  if (refund.isSuccess) return <Alert tone="success">{t('orders.refund.done', { amount })}</Alert>;
  if (order.paymentStatus !== 'paid' || !can(role, 'orders.manage')) return null;

  // The dialog opens only once the reason is there.
  async function handleOpenChange(open: boolean) {
    if (!open) setConfirming(false);
    else if (await trigger('reason')) setConfirming(true);
  }

  function handleRefund({ reason, notifyCustomer }: RefundValues) {
    refund.mutate(notifyCustomer ? { reason, notifyCustomer } : { reason }, {
      onError: (error) => applyServerFieldErrors(error, setError, ['reason']),
    });
  }

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('orders.refund.title')}</CardTitle>
        <CardDescription>{t('orders.refund.description')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Field label={t('orders.refund.reason')} hint={t('orders.refund.reasonHint')} error={fieldError(errors.reason?.message)}>
          {(control) => <Textarea {...control} rows={2} {...register('reason')} />}
        </Field>
        <Checkbox label={t('orders.actions.notify')} {...register('notifyCustomer')} />
        {refund.isError && <ProblemAlert error={refund.error} message={t('orders.refund.failed')} />}
        <div>
          <ConfirmDialog
            open={confirming}
            onOpenChange={(open) => void handleOpenChange(open)}
            trigger={
              <Button variant="danger-outline" disabled={refund.isPending}>
                {refund.isPending ? t('orders.refund.refunding') : t('orders.refund.button', { amount })}
              </Button>
            }
            title={t('orders.refund.confirmTitle', { code: order.code })}
            description={t('orders.refund.confirmDescription', { amount })}
            confirmLabel={t('orders.refund.confirm')}
            cancelLabel={t('orders.refund.keep')}
            onConfirm={() => void handleSubmit(handleRefund)()}
            destructive
          />
        </div>
      </CardContent>
    </Card>
  );
}
