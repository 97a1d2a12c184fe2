import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useSetTracking, type Order } from '../api/orders';

/** The server's limits: a number up to 100 characters, an optional http(s) link up to 500. */
const trackingSchema = z.object({
  trackingNumber: z.string().trim().min(1, validation('required')).max(100, validation('tooLong')),
  trackingUrl: z
    .string()
    .trim()
    .max(500, validation('tooLong'))
    .regex(/^$|^https?:\/\/\S+$/i, validation('httpUrl')),
  notifyCustomer: z.boolean(),
});

type TrackingValues = z.input<typeof trackingSchema>;

const FIELDS = ['trackingNumber', 'trackingUrl', 'notifyCustomer'] as const;

/** The carrier's tracking number and link: shown, and changed with an optional message to the customer. */
export function TrackingForm({ workspaceId, order }: { workspaceId: string; order: Order }) {
  const { t } = useTranslation();
  const titleId = useId();
  const errorText = useFieldErrorText();
  const save = useSetTracking(workspaceId, order.id);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<TrackingValues, unknown, z.output<typeof trackingSchema>>({
    resolver: zodResolver(trackingSchema),
    defaultValues: { trackingNumber: order.trackingNumber ?? '', trackingUrl: order.trackingUrl ?? '', notifyCustomer: false },
  });

  const onSubmit = handleSubmit((values) =>
    save.mutateAsync(values).then(
      (saved) => reset({ trackingNumber: saved.trackingNumber ?? '', trackingUrl: saved.trackingUrl ?? '', notifyCustomer: false }),
      (error: unknown) => {
        applyServerFieldErrors(error, setError, FIELDS);
      },
    ),
  );

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('orders.tracking.title')}</CardTitle>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        {order.trackingNumber ? (
          <p className="text-sm text-slate-700">
            {t('orders.tracking.current')}{' '}
            {order.trackingUrl ? (
              <a
                href={order.trackingUrl}
                target="_blank"
                rel="noreferrer noopener"
                className="font-mono font-medium text-brand-700 underline-offset-2 hover:underline"
              >
                {order.trackingNumber}
              </a>
            ) : (
              <span className="font-mono font-medium">{order.trackingNumber}</span>
            )}
          </p>
        ) : (
          <p className="text-sm text-slate-500">{t('orders.tracking.none')}</p>
        )}
        <form noValidate onSubmit={(event) => void onSubmit(event)} className="flex flex-col gap-4" aria-labelledby={titleId}>
          <Field label={t('orders.tracking.number')} error={errorText(errors.trackingNumber?.message)}>
            {(control) => <Input {...control} autoComplete="off" {...register('trackingNumber')} />}
          </Field>
          <Field label={t('orders.tracking.url')} hint={t('orders.tracking.urlHint')} error={errorText(errors.trackingUrl?.message)}>
            {(control) => <Input {...control} type="url" inputMode="url" placeholder="https://" {...register('trackingUrl')} />}
          </Field>
          <Checkbox label={t('orders.actions.notify')} {...register('notifyCustomer')} />
          {save.isError && <ProblemAlert error={save.error} message={t('orders.tracking.failed')} />}
          {save.isSuccess && <Alert tone="success">{t('orders.tracking.saved')}</Alert>}
          <div>
            <Button type="submit" disabled={save.isPending}>
              {save.isPending ? t('common.saving') : t('orders.tracking.save')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
