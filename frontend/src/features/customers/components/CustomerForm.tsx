import { zodResolver } from '@hookform/resolvers/zod';
import { useId, type ReactNode } from 'react';
import { useForm, type Path, type UseFormRegister } from 'react-hook-form';
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
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { LANGUAGES, type Language } from '@/i18n/languages';
import type { Address, Customer, CustomerInput } from '../api/customers';

const languageCodes = LANGUAGES.map((language) => language.code) as [Language, ...Language[]];

const ADDRESS_FIELDS = ['line1', 'city', 'postalCode', 'country'] as const;

const addressSchema = z.object({
  line1: z.string().trim().max(200, validation('tooLong')),
  city: z.string().trim().max(100, validation('tooLong')),
  postalCode: z.string().trim().max(20, validation('tooLong')),
  country: z.string().trim().max(60, validation('tooLong')),
});

const customerSchema = z.object({
  name: z.string().trim().min(1, validation('required')).max(200, validation('tooLong')),
  email: z
    .string()
    .trim()
    .max(254, validation('tooLong'))
    .refine((email) => email === '' || z.email().safeParse(email).success, validation('email')),
  phone: z
    .string()
    .trim()
    .transform((phone) => phone.replace(/[\s().-]/g, ''))
    .pipe(z.string().regex(/^(?:\+[1-9]\d{6,14})?$/, validation('phone'))),
  language: z.enum(languageCodes),
  company: z.string().trim().max(200, validation('tooLong')),
  tags: z
    .string()
    .transform((text) => [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))])
    .refine((tags) => tags.every((tag) => tag.length <= 40), validation('tag'))
    .refine((tags) => tags.length <= 50, validation('tags')),
  pushOptIn: z.boolean(),
  notes: z.string().trim().max(5000, validation('tooLong')),
  shippingAddress: addressSchema,
  billingAddress: addressSchema,
});

type CustomerFormValues = z.input<typeof customerSchema>;
type CustomerFormOutput = z.output<typeof customerSchema>;

const FIELDS = ['name', 'email', 'phone', 'language', 'company', 'tags', 'pushOptIn', 'notes'] as const;

/** `shippingAddress.city` and `tags[3]` → their form fields. */
function formField(field: string): Path<CustomerFormValues> | undefined {
  const name = field.replace(/\[\d+\]$/, '');
  const known = FIELDS.find((candidate) => candidate === name);
  if (known) return known;
  const match = /^(shippingAddress|billingAddress)\.(\w+)$/.exec(name);
  const part = ADDRESS_FIELDS.find((candidate) => candidate === match?.[2]);
  return match && part ? `${match[1] as 'shippingAddress' | 'billingAddress'}.${part}` : undefined;
}

function addressForm(address: Address | undefined): z.input<typeof addressSchema> {
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return {
    line1: text(address?.line1),
    city: text(address?.city),
    postalCode: text(address?.postalCode),
    country: text(address?.country),
  };
}

/** The edited fields over the saved address, keeping fields the dashboard does not edit; empty ones are left out. */
function mergeAddress(saved: Address | undefined, edited: z.output<typeof addressSchema>): Address {
  const address: Address = { ...saved };
  for (const field of ADDRESS_FIELDS) {
    if (edited[field]) address[field] = edited[field];
    else delete address[field];
  }
  return address;
}

function toInput(values: CustomerFormOutput, customer: Customer | undefined): CustomerInput {
  const input: CustomerInput = {
    name: values.name,
    language: values.language,
    company: values.company,
    tags: values.tags,
    pushOptIn: values.pushOptIn,
    notes: values.notes,
    shippingAddress: mergeAddress(customer?.shippingAddress, values.shippingAddress),
    billingAddress: mergeAddress(customer?.billingAddress, values.billingAddress),
  };
  // On a new customer empty contacts are left out; on a saved one '' removes them.
  if (customer || values.email) input.email = values.email;
  if (customer || values.phone) input.phone = values.phone;
  return input;
}

type AddressFieldsProps = {
  legend: string;
  prefix: 'shippingAddress' | 'billingAddress';
  register: UseFormRegister<CustomerFormValues>;
  errors: Partial<Record<(typeof ADDRESS_FIELDS)[number], { message?: string }>> | undefined;
};

function AddressFields({ legend, prefix, register, errors }: AddressFieldsProps) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  return (
    <fieldset className="grid min-w-0 gap-4 sm:grid-cols-2">
      <legend className="mb-3 text-sm font-semibold text-slate-900">{legend}</legend>
      <Field label={t('customers.address.line1')} error={fieldError(errors?.line1?.message)} className="sm:col-span-2">
        {(field) => <Input {...field} autoComplete="off" {...register(`${prefix}.line1`)} />}
      </Field>
      <Field label={t('customers.address.postalCode')} error={fieldError(errors?.postalCode?.message)}>
        {(field) => <Input {...field} autoComplete="off" {...register(`${prefix}.postalCode`)} />}
      </Field>
      <Field label={t('customers.address.city')} error={fieldError(errors?.city?.message)}>
        {(field) => <Input {...field} autoComplete="off" {...register(`${prefix}.city`)} />}
      </Field>
      <Field label={t('customers.address.country')} error={fieldError(errors?.country?.message)}>
        {(field) => <Input {...field} autoComplete="off" {...register(`${prefix}.country`)} />}
      </Field>
    </fieldset>
  );
}

type CustomerFormProps = {
  customer?: Customer;
  defaultLanguage: Language;
  readOnly: boolean;
  onSubmit: (values: CustomerInput) => Promise<unknown>;
  saving: boolean;
  error: unknown;
  /** Shown once a save succeeded and nothing changed since. */
  saved?: boolean;
  submitLabel: string;
  extraActions?: ReactNode;
};

/** Name, contacts, language, tags, notes and addresses of a customer. */
export function CustomerForm({
  customer,
  defaultLanguage,
  readOnly,
  onSubmit,
  saving,
  error,
  saved = false,
  submitLabel,
  extraActions,
}: CustomerFormProps) {
  const { t } = useTranslation();
  const contactId = useId();
  const addressesId = useId();
  const fieldError = useFieldErrorText();
  const {
    register,
    handleSubmit,
    setError,
    reset,
    getValues,
    formState: { errors, isDirty },
  } = useForm<CustomerFormValues, unknown, CustomerFormOutput>({
    resolver: zodResolver(customerSchema),
    defaultValues: {
      name: customer?.name ?? '',
      email: customer?.email ?? '',
      phone: customer?.phone ?? '',
      language: customer?.language ?? defaultLanguage,
      company: customer?.company ?? '',
      tags: customer?.tags.join(', ') ?? '',
      pushOptIn: customer?.pushOptIn ?? false,
      notes: customer?.notes ?? '',
      shippingAddress: addressForm(customer?.shippingAddress),
      billingAddress: addressForm(customer?.billingAddress),
    },
  });

  function handleSave(values: CustomerFormOutput) {
    onSubmit(toInput(values, customer))
      .then(() => reset(getValues()))
      .catch((saveError: unknown) => applyServerFieldErrors(saveError, setError, formField));
  }

  return (
    <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-6">
      {Boolean(error) && <ProblemAlert error={error} message={t('customers.form.failed')} />}
      {saved && !isDirty && <Alert tone="success">{t('customers.form.saved')}</Alert>}
      <fieldset disabled={readOnly} className="flex min-w-0 flex-col gap-6">
        <Card aria-labelledby={contactId}>
          <CardHeader>
            <CardTitle id={contactId}>{t('customers.form.contact')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field label={t('customers.fields.name')} error={fieldError(errors.name?.message)}>
              {(field) => <Input {...field} autoComplete="off" {...register('name')} />}
            </Field>
            <Field label={t('customers.fields.company')} error={fieldError(errors.company?.message)}>
              {(field) => <Input {...field} autoComplete="off" {...register('company')} />}
            </Field>
            <Field label={t('customers.fields.email')} error={fieldError(errors.email?.message)}>
              {(field) => <Input {...field} type="email" autoComplete="off" {...register('email')} />}
            </Field>
            <Field
              label={t('customers.fields.phone')}
              hint={t('customers.form.phoneHint')}
              error={fieldError(errors.phone?.message)}
            >
              {(field) => <Input {...field} type="tel" autoComplete="off" {...register('phone')} />}
            </Field>
            <Field label={t('customers.fields.language')} error={fieldError(errors.language?.message)}>
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
              label={t('customers.fields.tags')}
              hint={t('customers.form.tagsHint')}
              error={fieldError(errors.tags?.message)}
            >
              {(field) => <Input {...field} autoComplete="off" {...register('tags')} />}
            </Field>
            <Field label={t('customers.fields.notes')} error={fieldError(errors.notes?.message)} className="sm:col-span-2">
              {(field) => <Textarea {...field} rows={3} {...register('notes')} />}
            </Field>
            <Checkbox label={t('customers.form.pushOptIn')} className="sm:col-span-2" {...register('pushOptIn')} />
          </CardContent>
        </Card>
        <Card aria-labelledby={addressesId}>
          <CardHeader>
            <CardTitle id={addressesId}>{t('customers.form.addresses')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-8 lg:grid-cols-2">
            <AddressFields
              legend={t('customers.fields.shippingAddress')}
              prefix="shippingAddress"
              register={register}
              errors={errors.shippingAddress}
            />
            <AddressFields
              legend={t('customers.fields.billingAddress')}
              prefix="billingAddress"
              register={register}
              errors={errors.billingAddress}
            />
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
