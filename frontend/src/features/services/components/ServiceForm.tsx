import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { amountField, optionalIntegerField, percentField } from '@/components/form/numberFields';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { LANGUAGES, type Language } from '@/i18n/languages';
import { amountInputValue } from '@/lib/money';
import type { Service, ServiceInput } from '../api/services';

const languageCodes = LANGUAGES.map((language) => language.code) as [Language, ...Language[]];

/**
 * Prices are typed in currency units. A duration, once saved, can be changed but not removed
 * (the API ignores an empty one), hence `durationRequired`.
 */
function serviceSchema(currency: string, durationRequired: boolean) {
  return z
    .object({
      name: z.string().trim().min(1, validation('required')).max(200, validation('tooLong')),
      price: amountField(currency),
      taxRate: percentField('validation.taxRate'),
      durationMinutes: optionalIntegerField({ min: 1, max: 100_000, message: 'validation.minutes' }),
      active: z.boolean(),
      language: z.enum(languageCodes),
      description: z.string().trim().max(5000, validation('tooLong')),
    })
    .refine((values) => !durationRequired || values.durationMinutes !== undefined, {
      path: ['durationMinutes'],
      message: 'validation.keepDuration',
    });
}

type ServiceSchema = ReturnType<typeof serviceSchema>;
type ServiceFormValues = z.input<ServiceSchema>;

const FIELDS = ['name', 'price', 'taxRate', 'durationMinutes', 'active', 'language', 'description'] as const;

type ServiceFormProps = {
  service?: Service;
  currency: string;
  defaultLanguage: Language;
  readOnly: boolean;
  onSubmit: (values: ServiceInput) => Promise<unknown>;
  saving: boolean;
  error: unknown;
  submitLabel: string;
  extraActions?: ReactNode;
};

export function ServiceForm({
  service,
  currency,
  defaultLanguage,
  readOnly,
  onSubmit,
  saving,
  error,
  submitLabel,
  extraActions,
}: ServiceFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const fieldError = useFieldErrorText();
  const schema = useMemo(() => serviceSchema(currency, service?.durationMinutes != null), [currency, service]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<ServiceFormValues, unknown, z.output<ServiceSchema>>({
    resolver: zodResolver(schema),
    defaultValues: {
      name: service?.name ?? '',
      price: service ? amountInputValue(service.price, currency) : '',
      taxRate: String(service?.taxRate ?? 22),
      durationMinutes: service?.durationMinutes == null ? '' : String(service.durationMinutes),
      active: service?.active ?? true,
      language: service?.language ?? defaultLanguage,
      description: service?.description ?? '',
    },
  });

  function handleSave(values: z.output<ServiceSchema>) {
    onSubmit(values).catch((saveError: unknown) => applyServerFieldErrors(saveError, setError, FIELDS));
  }

  return (
    <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-6">
      {Boolean(error) && <ProblemAlert error={error} message={t('services.form.failed')} />}
      <Card aria-labelledby={titleId}>
        <CardHeader>
          <CardTitle id={titleId}>{t('services.form.details')}</CardTitle>
        </CardHeader>
        <CardContent>
          <fieldset disabled={readOnly} className="grid min-w-0 gap-4 sm:grid-cols-2">
            <Field label={t('services.fields.name')} error={fieldError(errors.name?.message)} className="sm:col-span-2">
              {(field) => <Input {...field} {...register('name')} />}
            </Field>
            <Field
              label={t('services.fields.price')}
              hint={t('services.form.priceHint', { currency })}
              error={fieldError(errors.price?.message)}
            >
              {(field) => <Input {...field} inputMode="decimal" {...register('price')} />}
            </Field>
            <Field label={t('services.fields.taxRate')} error={fieldError(errors.taxRate?.message)}>
              {(field) => <Input {...field} inputMode="decimal" {...register('taxRate')} />}
            </Field>
            <Field
              label={t('services.fields.durationMinutes')}
              hint={t('services.form.durationHint')}
              error={fieldError(errors.durationMinutes?.message)}
            >
              {(field) => <Input {...field} inputMode="numeric" {...register('durationMinutes')} />}
            </Field>
            <Field label={t('services.fields.language')} error={fieldError(errors.language?.message)}>
              {(field) => (
                <Select {...field} {...register('language')}>
                  {LANGUAGES.map((language) => (
                    <option key={language.code} value={language.code}>
                      {t(`workspace.languages.${language.code}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field
              label={t('services.fields.description')}
              error={fieldError(errors.description?.message)}
              className="sm:col-span-2"
            >
              {(field) => <Textarea {...field} rows={4} {...register('description')} />}
            </Field>
            <Checkbox label={t('services.form.activeLabel')} {...register('active')} />
          </fieldset>
        </CardContent>
      </Card>
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
