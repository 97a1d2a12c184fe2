import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, type ReactNode } from 'react';
import { useForm, useWatch, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { optionalAmountField, optionalIntegerField } from '@/components/form/numberFields';
import { applyServerFieldErrors, useFieldErrorText, validation, type ValidationKey } from '@/components/form/validation';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import type { Category } from '@/features/categories/api/categories';
import { categoryOptions } from '@/features/categories/categoryTree';
import { ProductPicker } from '@/features/products/components/ProductPicker';
import { fromDateTimeLocal, toDateTimeLocal } from '@/lib/format';
import { amountInputValue, parseAmount } from '@/lib/money';
import { OFFER_TYPES, type Offer, type OfferInput, type OfferType } from '../api/offers';
import { SelectedProducts } from './SelectedProducts';

const CODE_PATTERN = /^(?:[A-Za-z0-9_-]{3,40})?$/;

/**
 * What the form sends. The value is typed as a percentage or as an amount in currency units,
 * depending on the type. Dates and usage limits, once saved, can be changed but not removed (the
 * API ignores empty ones): `saved` makes them required then.
 */
function offerSchema(currency: string, saved?: Offer) {
  return z
    .object({
      name: z.string().trim().min(1, validation('required')).max(200, validation('tooLong')),
      description: z.string().trim().max(2000, validation('tooLong')),
      type: z.enum(OFFER_TYPES as [OfferType, ...OfferType[]]),
      value: z.string().trim(),
      buyQuantity: z.string().trim(),
      getQuantity: z.string().trim(),
      productIds: z.array(z.string()),
      categoryIds: z.array(z.string()),
      startsAt: z.string(),
      endsAt: z.string(),
      minPurchase: optionalAmountField(currency),
      usageLimit: optionalIntegerField({ min: 1, max: 100_000_000, message: 'validation.positiveInteger' }),
      usageLimitPerCustomer: optionalIntegerField({ min: 1, max: 100_000, message: 'validation.positiveInteger' }),
      code: z.string().trim().regex(CODE_PATTERN, validation('promoCode')),
      active: z.boolean(),
    })
    .transform((values, ctx) => {
      let failed = false;
      function refuse(path: string, message: ValidationKey): undefined {
        ctx.addIssue({ code: 'custom', message, path: [path] });
        failed = true;
        return undefined;
      }
      function quantity(text: string, path: string): number | undefined {
        const number = /^\d{1,4}$/.test(text) ? Number(text) : 0;
        return number >= 1 && number <= 1000 ? number : refuse(path, 'validation.offerQuantity');
      }

      const input: OfferInput = {
        name: values.name,
        description: values.description,
        type: values.type,
        productIds: values.productIds,
        categoryIds: values.categoryIds,
        minPurchase: values.minPurchase ?? 0,
        active: values.active,
      };
      // A new offer without a code is automatic; an empty code removes the saved one.
      if (saved || values.code !== '') input.code = values.code;
      if (values.type === 'percentage') {
        const percent = /^\d{1,3}(?:[.,]\d{1,2})?$/.test(values.value) ? Number(values.value.replace(',', '.')) : 0;
        input.value = percent > 0 && percent <= 100 ? percent : refuse('value', 'validation.percent');
      } else if (values.type === 'fixed_amount') {
        const amount = parseAmount(values.value, currency) ?? 0;
        input.value = amount > 0 ? amount : refuse('value', 'validation.positiveAmount');
      } else {
        input.buyQuantity = quantity(values.buyQuantity, 'buyQuantity');
        input.getQuantity = quantity(values.getQuantity, 'getQuantity');
      }

      input.startsAt = fromDateTimeLocal(values.startsAt);
      input.endsAt = fromDateTimeLocal(values.endsAt);
      if (!input.startsAt && saved?.startsAt) refuse('startsAt', 'validation.keepValue');
      if (!input.endsAt && saved?.endsAt) refuse('endsAt', 'validation.keepValue');
      if (input.startsAt && input.endsAt && input.endsAt <= input.startsAt) refuse('endsAt', 'validation.dateOrder');

      input.usageLimit = values.usageLimit;
      input.usageLimitPerCustomer = values.usageLimitPerCustomer;
      if (values.usageLimit === undefined && saved?.usageLimit != null) refuse('usageLimit', 'validation.keepValue');
      if (values.usageLimitPerCustomer === undefined && saved?.usageLimitPerCustomer != null) {
        refuse('usageLimitPerCustomer', 'validation.keepValue');
      }
      return failed ? z.NEVER : input;
    });
}

type OfferSchema = ReturnType<typeof offerSchema>;
type OfferFormValues = z.input<OfferSchema>;

const FIELDS = [
  'name',
  'description',
  'type',
  'value',
  'buyQuantity',
  'getQuantity',
  'productIds',
  'categoryIds',
  'startsAt',
  'endsAt',
  'minPurchase',
  'usageLimit',
  'usageLimitPerCustomer',
  'code',
  'active',
] as const;

/** `productIds[2]` → `productIds`. */
function formField(field: string): Path<OfferFormValues> | undefined {
  const name = field.replace(/\[\d+\]$/, '');
  return FIELDS.find((known) => known === name);
}

function toForm(offer: Offer | undefined, currency: string): OfferFormValues {
  return {
    name: offer?.name ?? '',
    description: offer?.description ?? '',
    type: offer?.type ?? 'percentage',
    value:
      offer === undefined || offer.type === 'buy_x_get_y'
        ? ''
        : offer.type === 'fixed_amount'
          ? amountInputValue(offer.value, currency)
          : String(offer.value),
    buyQuantity: offer?.buyQuantity ? String(offer.buyQuantity) : '',
    getQuantity: offer?.getQuantity ? String(offer.getQuantity) : '',
    productIds: offer?.productIds ?? [],
    categoryIds: offer?.categoryIds ?? [],
    startsAt: toDateTimeLocal(offer?.startsAt),
    endsAt: toDateTimeLocal(offer?.endsAt),
    minPurchase: offer && offer.minPurchase > 0 ? amountInputValue(offer.minPurchase, currency) : '',
    usageLimit: offer?.usageLimit ? String(offer.usageLimit) : '',
    usageLimitPerCustomer: offer?.usageLimitPerCustomer ? String(offer.usageLimitPerCustomer) : '',
    code: offer?.code ?? '',
    active: offer?.active ?? true,
  };
}

type OfferFormProps = {
  workspaceId: string;
  offer?: Offer;
  currency: string;
  categories: readonly Category[];
  readOnly: boolean;
  onSubmit: (values: OfferInput) => Promise<unknown>;
  saving: boolean;
  error: unknown;
  submitLabel: string;
  extraActions?: ReactNode;
};

export function OfferForm({
  workspaceId,
  offer,
  currency,
  categories,
  readOnly,
  onSubmit,
  saving,
  error,
  submitLabel,
  extraActions,
}: OfferFormProps) {
  const { t } = useTranslation();
  const detailsId = useId();
  const scopeId = useId();
  const limitsId = useId();
  const fieldError = useFieldErrorText();
  const schema = useMemo(() => offerSchema(currency, offer), [currency, offer]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors },
  } = useForm<OfferFormValues, unknown, z.output<OfferSchema>>({
    resolver: zodResolver(schema),
    defaultValues: toForm(offer, currency),
  });
  const [type, productIds, categoryIds] = useWatch({ control, name: ['type', 'productIds', 'categoryIds'] });

  function handleAddProduct(id: string) {
    if (!productIds.includes(id)) setValue('productIds', [...productIds, id], { shouldDirty: true });
  }

  function handleRemoveProduct(id: string) {
    setValue(
      'productIds',
      productIds.filter((candidate) => candidate !== id),
      { shouldDirty: true },
    );
  }

  function handleToggleCategory(id: string, checked: boolean) {
    const next = checked ? [...categoryIds, id] : categoryIds.filter((candidate) => candidate !== id);
    setValue('categoryIds', next, { shouldDirty: true });
  }

  function handleSave(values: OfferInput) {
    onSubmit(values).catch((saveError: unknown) => applyServerFieldErrors(saveError, setError, formField));
  }

  return (
    <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-6">
      {Boolean(error) && <ProblemAlert error={error} message={t('offers.form.failed')} />}
      <fieldset disabled={readOnly} className="flex min-w-0 flex-col gap-6">
        <Card aria-labelledby={detailsId}>
          <CardHeader>
            <CardTitle id={detailsId}>{t('offers.form.details')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field label={t('offers.fields.name')} error={fieldError(errors.name?.message)} className="sm:col-span-2">
              {(field) => <Input {...field} {...register('name')} />}
            </Field>
            <Field label={t('offers.fields.type')} error={fieldError(errors.type?.message)}>
              {(field) => (
                <Select {...field} {...register('type')}>
                  {OFFER_TYPES.map((option) => (
                    <option key={option} value={option}>
                      {t(`offers.types.${option}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            {type === 'buy_x_get_y' ? (
              <div className="grid grid-cols-2 gap-4">
                <Field label={t('offers.fields.buyQuantity')} error={fieldError(errors.buyQuantity?.message)}>
                  {(field) => <Input {...field} inputMode="numeric" {...register('buyQuantity')} />}
                </Field>
                <Field label={t('offers.fields.getQuantity')} error={fieldError(errors.getQuantity?.message)}>
                  {(field) => <Input {...field} inputMode="numeric" {...register('getQuantity')} />}
                </Field>
              </div>
            ) : (
              <Field
                label={type === 'percentage' ? t('offers.fields.percent') : t('offers.fields.amount', { currency })}
                hint={type === 'percentage' ? t('offers.form.percentHint') : t('offers.form.amountHint')}
                error={fieldError(errors.value?.message)}
              >
                {(field) => <Input {...field} inputMode="decimal" {...register('value')} />}
              </Field>
            )}
            <Field label={t('offers.fields.code')} hint={t('offers.form.codeHint')} error={fieldError(errors.code?.message)}>
              {(field) => <Input {...field} autoCapitalize="characters" className="font-mono" {...register('code')} />}
            </Field>
            <div className="flex items-end pb-2">
              <Checkbox label={t('offers.form.activeLabel')} {...register('active')} />
            </div>
            <Field
              label={t('offers.fields.description')}
              error={fieldError(errors.description?.message)}
              className="sm:col-span-2"
            >
              {(field) => <Textarea {...field} rows={3} {...register('description')} />}
            </Field>
          </CardContent>
        </Card>

        <Card aria-labelledby={scopeId}>
          <CardHeader>
            <CardTitle id={scopeId}>{t('offers.form.scope')}</CardTitle>
            <CardDescription>{t('offers.form.scopeHint')}</CardDescription>
          </CardHeader>
          <CardContent className="grid gap-6 lg:grid-cols-2">
            <div className="flex flex-col gap-3">
              <h3 className="text-sm font-medium text-slate-800">{t('offers.fields.products')}</h3>
              <SelectedProducts
                workspaceId={workspaceId}
                ids={productIds}
                onRemove={readOnly ? undefined : handleRemoveProduct}
              />
              {errors.productIds?.message && (
                <p className="text-xs font-medium text-red-700">{fieldError(errors.productIds.message)}</p>
              )}
              {!readOnly && (
                <ProductPicker
                  workspaceId={workspaceId}
                  currency={currency}
                  label={t('offers.form.addProduct')}
                  exclude={new Set(productIds)}
                  onPick={(hit) => handleAddProduct(hit.id)}
                />
              )}
            </div>
            <fieldset className="flex flex-col gap-2">
              <legend className="mb-2 text-sm font-medium text-slate-800">{t('offers.fields.categories')}</legend>
              {categoryOptions(categories).map((option) => (
                <Checkbox
                  key={option.id}
                  label={option.label}
                  checked={categoryIds.includes(option.id)}
                  onChange={(event) => handleToggleCategory(option.id, event.target.checked)}
                />
              ))}
              {errors.categoryIds?.message && (
                <p className="text-xs font-medium text-red-700">{fieldError(errors.categoryIds.message)}</p>
              )}
            </fieldset>
          </CardContent>
        </Card>

        <Card aria-labelledby={limitsId}>
          <CardHeader>
            <CardTitle id={limitsId}>{t('offers.form.limits')}</CardTitle>
            {offer && <CardDescription>{t('offers.form.limitsHint')}</CardDescription>}
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field label={t('offers.fields.startsAt')} error={fieldError(errors.startsAt?.message)}>
              {(field) => <Input {...field} type="datetime-local" {...register('startsAt')} />}
            </Field>
            <Field label={t('offers.fields.endsAt')} error={fieldError(errors.endsAt?.message)}>
              {(field) => <Input {...field} type="datetime-local" {...register('endsAt')} />}
            </Field>
            <Field
              label={t('offers.fields.minPurchase', { currency })}
              hint={t('offers.form.minPurchaseHint')}
              error={fieldError(errors.minPurchase?.message)}
            >
              {(field) => <Input {...field} inputMode="decimal" {...register('minPurchase')} />}
            </Field>
            <div className="hidden sm:block" />
            <Field
              label={t('offers.fields.usageLimit')}
              hint={t('offers.form.noLimitHint')}
              error={fieldError(errors.usageLimit?.message)}
            >
              {(field) => <Input {...field} inputMode="numeric" {...register('usageLimit')} />}
            </Field>
            <Field
              label={t('offers.fields.usageLimitPerCustomer')}
              hint={t('offers.form.noLimitHint')}
              error={fieldError(errors.usageLimitPerCustomer?.message)}
            >
              {(field) => <Input {...field} inputMode="numeric" {...register('usageLimitPerCustomer')} />}
            </Field>
          </CardContent>
        </Card>
      </fieldset>
      {!readOnly && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>{extraActions}</div>
          <Button type="submit" disabled={saving}>
            {saving ? t('common.saving') : submitLabel}
          </Button>
        </div>
      )}
    </form>
  );
}
