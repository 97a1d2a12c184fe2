import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo } from 'react';
import { useFieldArray, useForm, useWatch, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { integerField } from '@/components/form/numberFields';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import type { Customer } from '@/features/customers/api/customers';
import type { Product } from '@/features/products/api/products';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import { isApiError, problemCode } from '@/lib/api';
import { formatMoney } from '@/lib/money';
import { useCreateOrder, type NewOrder } from '../api/orders';
import { CustomerPicker } from './CustomerPicker';
import { OrderProductPicker } from './OrderProductPicker';

const NOTES_MAX_LENGTH = 2000;
const PROMO_CODE = /^(?:[A-Za-z0-9_-]{3,40})?$/;

const newOrderSchema = z.object({
  customer: z
    .object({ id: z.string(), name: z.string(), contact: z.string() })
    .nullable()
    .refine((customer) => customer !== null, validation('chooseCustomer')),
  lines: z
    .array(
      z.object({
        productId: z.string(),
        name: z.string(),
        sku: z.string(),
        price: z.number(),
        quantity: integerField({ min: 1, max: 10_000, message: 'validation.quantity' }),
      }),
    )
    .min(1, validation('linesRequired')),
  promoCode: z.string().trim().regex(PROMO_CODE, validation('promoCode')),
  notes: z.string().trim().max(NOTES_MAX_LENGTH, validation('tooLong')),
  sendPaymentLink: z.boolean(),
});

type NewOrderValues = z.input<typeof newOrderSchema>;
type NewOrderOutput = z.output<typeof newOrderSchema>;

/** What the order page shows once the order is created: the link where the customer pays, and whether it went out. */
export type CreatedOrderState = { paymentLink: string | null; paymentLinkAsked: boolean; paymentLinkSent: boolean };

function toInput(values: NewOrderOutput): NewOrder {
  return {
    customerId: values.customer?.id ?? '',
    lines: values.lines.map(({ productId, quantity }) => ({ productId, quantity })),
    ...(values.promoCode ? { promoCode: values.promoCode } : {}),
    ...(values.notes ? { notes: values.notes } : {}),
    sendPaymentLink: values.sendPaymentLink,
  };
}

/** `customerId`, `lines[0].quantity` or `lines.0.productId` of a 422 → the form field. */
function formField(field: string): Path<NewOrderValues> | undefined {
  if (field === 'customerId') return 'customer';
  const line = /^lines(?:\[(\d+)\]|\.(\d+))\.(quantity|productId)$/.exec(field);
  if (line) return `lines.${Number(line[1] ?? line[2])}.${line[3] === 'quantity' ? 'quantity' : 'productId'}`;
  return (['promoCode', 'notes', 'sendPaymentLink'] as const).find((name) => name === field);
}

/** The server's field errors that no field shows, e.g. about the lines as a whole. */
function otherFieldErrors(error: unknown): string[] {
  if (!isApiError(error)) return [];
  return (error.problem.errors ?? []).filter((item) => !formField(item.field)).map((item) => item.message);
}

type NewOrderFormProps = { workspaceId: string; currency: string };

/**
 * A phone order: the customer, the products and their quantities, an optional promo code and
 * notes. The server prices it; the customer can be sent the payment link at once.
 */
export function NewOrderForm({ workspaceId, currency }: NewOrderFormProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const navigate = useNavigate();
  const fieldError = useFieldErrorText();
  const customerTitleId = useId();
  const itemsTitleId = useId();
  const detailsTitleId = useId();
  const sendHintId = useId();
  const create = useCreateOrder(workspaceId);
  const ordersPath = workspaceSectionPath(workspaceId, 'orders');
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    clearErrors,
    formState: { errors },
  } = useForm<NewOrderValues, unknown, NewOrderOutput>({
    resolver: zodResolver(newOrderSchema),
    defaultValues: { customer: null, lines: [], promoCode: '', notes: '', sendPaymentLink: true },
  });
  const lines = useFieldArray({ control, name: 'lines' });
  const customer = useWatch({ control, name: 'customer' });
  const watchedLines = useWatch({ control, name: 'lines' });
  const chosen = useMemo(() => new Set(watchedLines.map((line) => line.productId)), [watchedLines]);

  function chooseCustomer(picked: Customer | null) {
    const contact = picked ? [picked.phone, picked.email].filter(Boolean).join(' · ') : '';
    setValue('customer', picked && { id: picked.id, name: picked.name, contact }, { shouldDirty: true });
    if (picked) clearErrors('customer');
  }

  function addProduct(product: Product) {
    lines.append({ productId: product.id, name: product.name, sku: product.sku, price: product.price, quantity: '1' });
    clearErrors('lines');
  }

  function handleCreate(values: NewOrderOutput) {
    create.mutate(toInput(values), {
      onSuccess: (order) => {
        const state: CreatedOrderState = {
          paymentLink: order.paymentLink,
          paymentLinkAsked: values.sendPaymentLink,
          paymentLinkSent: order.paymentLinkSent ?? values.sendPaymentLink,
        };
        void navigate(`${ordersPath}/${encodeURIComponent(order.id)}`, { state });
      },
      onError: (error) => applyServerFieldErrors(error, setError, formField),
    });
  }

  const linesError = errors.lines?.message ?? errors.lines?.root?.message;
  const code = problemCode(create.error);
  const failure =
    code === 'out-of-stock'
      ? t('orders.new.outOfStock')
      : code === 'offer-exhausted'
        ? t('orders.new.offerExhausted')
        : t('orders.new.failed');
  const unplaced = otherFieldErrors(create.error);

  return (
    <form noValidate onSubmit={handleSubmit(handleCreate)} className="flex flex-col gap-6">
      {create.isError && (
        <ProblemAlert error={create.error} message={failure}>
          {unplaced.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {unplaced.map((message) => (
                <li key={message}>{message}</li>
              ))}
            </ul>
          )}
        </ProblemAlert>
      )}

      <Card aria-labelledby={customerTitleId}>
        <CardHeader>
          <CardTitle id={customerTitleId}>{t('orders.new.customer.title')}</CardTitle>
        </CardHeader>
        <CardContent className="py-5">
          {customer ? (
            <div className="flex flex-wrap items-center justify-between gap-3">
              <div className="min-w-0 text-sm">
                <p className="font-medium text-slate-900">{customer.name}</p>
                {customer.contact && <p className="text-slate-600">{customer.contact}</p>}
                {errors.customer?.message && (
                  <p className="text-xs font-medium text-red-700">{fieldError(errors.customer.message)}</p>
                )}
              </div>
              <Button variant="secondary" size="sm" onClick={() => chooseCustomer(null)}>
                {t('orders.new.customer.change')}
              </Button>
            </div>
          ) : (
            <CustomerPicker workspaceId={workspaceId} onPick={chooseCustomer} error={fieldError(errors.customer?.message)} />
          )}
        </CardContent>
      </Card>

      <Card aria-labelledby={itemsTitleId}>
        <CardHeader>
          <CardTitle id={itemsTitleId}>{t('orders.new.items.title')}</CardTitle>
          <CardDescription>{t('orders.new.items.description')}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 py-5">
          <OrderProductPicker workspaceId={workspaceId} currency={currency} exclude={chosen} onPick={addProduct} />
          {linesError && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {fieldError(linesError)}
            </p>
          )}
          {lines.fields.length === 0 ? (
            <p className="text-sm text-slate-500">{t('orders.new.items.empty')}</p>
          ) : (
            <ul aria-label={t('orders.new.items.chosen')} className="flex flex-col divide-y divide-slate-100 rounded-md border border-slate-200">
              {lines.fields.map((line, index) => {
                const lineErrors = errors.lines?.[index];
                return (
                  <li key={line.id} className="flex flex-wrap items-start gap-3 px-3 py-2 text-sm">
                    <div className="min-w-0 flex-1">
                      <p className="font-medium text-slate-900">{line.name}</p>
                      <p className="text-xs text-slate-500">
                        {line.sku} · {formatMoney(line.price, currency, locale)}
                      </p>
                      {lineErrors?.productId?.message && (
                        <p className="text-xs font-medium text-red-700">{fieldError(lineErrors.productId.message)}</p>
                      )}
                    </div>
                    <Field
                      label={<span className="sr-only">{t('orders.new.items.quantity', { name: line.name })}</span>}
                      error={fieldError(lineErrors?.quantity?.message)}
                      className="w-28 gap-0"
                    >
                      {(field) => <Input {...field} inputMode="numeric" {...register(`lines.${index}.quantity`)} />}
                    </Field>
                    <Button
                      variant="ghost"
                      size="sm"
                      aria-label={t('orders.new.items.remove', { name: line.name })}
                      onClick={() => lines.remove(index)}
                    >
                      ✕
                    </Button>
                  </li>
                );
              })}
            </ul>
          )}
          <p className="text-xs text-slate-500">{t('orders.new.items.pricing')}</p>
        </CardContent>
      </Card>

      <Card aria-labelledby={detailsTitleId}>
        <CardHeader>
          <CardTitle id={detailsTitleId}>{t('orders.new.details.title')}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-4 py-5 sm:grid-cols-2">
          <Field
            label={t('orders.new.details.promoCode')}
            hint={t('orders.new.details.promoCodeHint')}
            error={fieldError(errors.promoCode?.message)}
          >
            {(field) => <Input {...field} autoComplete="off" className="font-mono" {...register('promoCode')} />}
          </Field>
          <Field
            label={t('orders.new.details.notes')}
            hint={t('orders.new.details.notesHint')}
            error={fieldError(errors.notes?.message)}
            className="sm:col-span-2"
          >
            {(field) => <Textarea {...field} rows={3} {...register('notes')} />}
          </Field>
          <div className="flex flex-col gap-1 sm:col-span-2">
            <Checkbox
              label={t('orders.new.details.sendPaymentLink')}
              aria-describedby={sendHintId}
              {...register('sendPaymentLink')}
            />
            <p id={sendHintId} className="text-xs text-slate-500">
              {t('orders.new.details.sendPaymentLinkHint')}
            </p>
          </div>
        </CardContent>
      </Card>

      <div className="flex justify-end gap-2">
        <Button variant="secondary" onClick={() => void navigate(ordersPath)}>
          {t('common.cancel')}
        </Button>
        <Button type="submit" disabled={create.isPending}>
          {create.isPending ? t('orders.new.creating') : t('orders.new.create')}
        </Button>
      </div>
    </form>
  );
}
