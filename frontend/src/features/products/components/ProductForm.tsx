import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo, type ChangeEvent, type ReactNode } from 'react';
import { useFieldArray, useForm, useWatch, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { amountField, integerField, percentField } from '@/components/form/numberFields';
import { applyServerFieldErrors, useFieldErrorText, validation, type ValidationKey } from '@/components/form/validation';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { LANGUAGES, type Language } from '@/i18n/languages';
import type { Category } from '@/features/categories/api/categories';
import { categoryOptions } from '@/features/categories/categoryTree';
import { amountInputValue } from '@/lib/money';
import { PRODUCT_STATUSES, type AttributeValue, type Product, type ProductInput, type ProductStatus } from '../api/products';

const SKU_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._/-]{0,63}$/;

type AttributeType = 'text' | 'number' | 'boolean';

const ATTRIBUTE_TYPES: readonly AttributeType[] = ['text', 'number', 'boolean'];

const languageCodes = LANGUAGES.map((language) => language.code) as [Language, ...Language[]];

function issue(ctx: z.core.$RefinementCtx, message: ValidationKey, path: PropertyKey[]) {
  ctx.addIssue({ code: 'custom', message, path });
}

const attributesSchema = z
  .array(z.object({ name: z.string().trim(), type: z.enum(ATTRIBUTE_TYPES), value: z.string() }))
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (row.name === '' && row.value.trim() === '') return;
      if (row.name === '') issue(ctx, 'validation.required', [index, 'name']);
      else if (row.name.length > 60) issue(ctx, 'validation.tooLong', [index, 'name']);
      else if (seen.has(row.name)) issue(ctx, 'validation.attributeDuplicate', [index, 'name']);
      seen.add(row.name);
      const number = row.value.trim().replace(',', '.');
      if (row.type === 'number' && (number === '' || !Number.isFinite(Number(number)))) {
        issue(ctx, 'validation.number', [index, 'value']);
      }
    });
  })
  .transform((rows) => {
    const attributes: Record<string, AttributeValue> = {};
    for (const row of rows) {
      if (row.name === '' && row.value.trim() === '') continue;
      attributes[row.name] =
        row.type === 'number'
          ? Number(row.value.trim().replace(',', '.'))
          : row.type === 'boolean'
            ? row.value === 'true'
            : row.value.trim();
    }
    return attributes;
  });

/** Prices are typed in currency units and sent in minor units of `currency`. */
function productSchema(currency: string) {
  return z.object({
    name: z.string().trim().min(1, validation('required')).max(200, validation('tooLong')),
    sku: z.string().trim().min(1, validation('required')).regex(SKU_PATTERN, validation('sku')),
    price: amountField(currency),
    taxRate: percentField('validation.taxRate'),
    stock: integerField({ min: 0, max: 1_000_000_000, message: 'validation.stock' }),
    status: z.enum(PRODUCT_STATUSES as [ProductStatus, ...ProductStatus[]]),
    categoryId: z.string().transform((id) => id || null),
    language: z.enum(languageCodes),
    description: z.string().max(10_000, validation('tooLong')),
    attributes: attributesSchema,
  });
}

type ProductSchema = ReturnType<typeof productSchema>;
type ProductFormValues = z.input<ProductSchema>;

const FIELDS = ['name', 'sku', 'price', 'taxRate', 'stock', 'status', 'categoryId', 'language', 'description'] as const;

function attributeRow(name: string, value: AttributeValue): ProductFormValues['attributes'][number] {
  const type: AttributeType = typeof value === 'number' ? 'number' : typeof value === 'boolean' ? 'boolean' : 'text';
  return { name, type, value: String(value) };
}

function toForm(product: Product | undefined, currency: string, language: Language): ProductFormValues {
  if (!product) {
    return {
      name: '',
      sku: '',
      price: '',
      taxRate: '22',
      stock: '0',
      status: 'active',
      categoryId: '',
      language,
      description: '',
      attributes: [],
    };
  }
  return {
    name: product.name,
    sku: product.sku,
    price: amountInputValue(product.price, currency),
    taxRate: String(product.taxRate),
    stock: String(product.stock),
    status: product.status,
    categoryId: product.categoryId ?? '',
    language: product.language,
    description: product.description,
    attributes: Object.entries(product.attributes).map(([name, value]) => attributeRow(name, value)),
  };
}

type ProductFormProps = {
  product?: Product;
  currency: string;
  categories: readonly Category[];
  /** Language of a new product: the workspace's default. */
  defaultLanguage: Language;
  /** Agents see the product without being able to change it. */
  readOnly: boolean;
  /** Saves; a rejected promise's 422 field errors are shown on the fields. */
  onSubmit: (values: ProductInput) => Promise<unknown>;
  saving: boolean;
  error: unknown;
  submitLabel: string;
  /** Shown beside the submit button (e.g. "Delete"). */
  extraActions?: ReactNode;
};

export function ProductForm({
  product,
  currency,
  categories,
  defaultLanguage,
  readOnly,
  onSubmit,
  saving,
  error,
  submitLabel,
  extraActions,
}: ProductFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const attributesId = useId();
  const fieldError = useFieldErrorText();
  const schema = useMemo(() => productSchema(currency), [currency]);
  const {
    register,
    control,
    handleSubmit,
    setError,
    setValue,
    formState: { errors },
  } = useForm<ProductFormValues, unknown, z.output<ProductSchema>>({
    resolver: zodResolver(schema),
    defaultValues: toForm(product, currency, defaultLanguage),
  });
  const attributes = useFieldArray({ control, name: 'attributes' });
  const rows = useWatch({ control, name: 'attributes' });

  /** `attributes.color` → the value of the row named "color". */
  function formField(field: string): Path<ProductFormValues> | undefined {
    const known = FIELDS.find((name) => name === field);
    if (known) return known;
    const match = /^attributes\.(.+)$/.exec(field);
    const index = match ? rows.findIndex((row) => row.name.trim() === match[1]) : -1;
    return index >= 0 ? `attributes.${index}.value` : undefined;
  }

  /** A yes/no attribute needs a yes or a no: a typed value becomes "yes". */
  function handleTypeChange(index: number, type: string) {
    const value = rows[index]?.value;
    if (type === 'boolean' && value !== 'true' && value !== 'false') setValue(`attributes.${index}.value`, 'true');
  }

  function handleSave(values: z.output<ProductSchema>) {
    onSubmit(values).catch((saveError: unknown) => applyServerFieldErrors(saveError, setError, formField));
  }

  return (
    <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-6">
      {Boolean(error) && <ProblemAlert error={error} message={t('products.form.failed')} />}
      <fieldset disabled={readOnly} className="flex min-w-0 flex-col gap-6">
        <Card aria-labelledby={titleId}>
          <CardHeader>
            <CardTitle id={titleId}>{t('products.form.details')}</CardTitle>
          </CardHeader>
          <CardContent className="grid gap-4 sm:grid-cols-2">
            <Field label={t('products.fields.name')} error={fieldError(errors.name?.message)} className="sm:col-span-2">
              {(field) => <Input {...field} {...register('name')} />}
            </Field>
            <Field label={t('products.fields.sku')} hint={t('products.form.skuHint')} error={fieldError(errors.sku?.message)}>
              {(field) => <Input {...field} autoCapitalize="characters" className="font-mono" {...register('sku')} />}
            </Field>
            <Field label={t('products.fields.status')} error={fieldError(errors.status?.message)}>
              {(field) => (
                <Select {...field} {...register('status')}>
                  {PRODUCT_STATUSES.map((status) => (
                    <option key={status} value={status}>
                      {t(`products.statuses.${status}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field
              label={t('products.fields.price')}
              hint={t('products.form.priceHint', { currency })}
              error={fieldError(errors.price?.message)}
            >
              {(field) => <Input {...field} inputMode="decimal" {...register('price')} />}
            </Field>
            <Field
              label={t('products.fields.taxRate')}
              hint={t('products.form.taxRateHint')}
              error={fieldError(errors.taxRate?.message)}
            >
              {(field) => <Input {...field} inputMode="decimal" {...register('taxRate')} />}
            </Field>
            <Field label={t('products.fields.stock')} error={fieldError(errors.stock?.message)}>
              {(field) => <Input {...field} inputMode="numeric" {...register('stock')} />}
            </Field>
            <Field label={t('products.fields.category')} error={fieldError(errors.categoryId?.message)}>
              {(field) => (
                <Select {...field} {...register('categoryId')}>
                  <option value="">{t('products.form.noCategory')}</option>
                  {categoryOptions(categories).map((option) => (
                    <option key={option.id} value={option.id}>
                      {option.label}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Field
              label={t('products.fields.language')}
              hint={t('products.form.languageHint')}
              error={fieldError(errors.language?.message)}
            >
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
              label={t('products.fields.description')}
              error={fieldError(errors.description?.message)}
              className="sm:col-span-2"
            >
              {(field) => <Textarea {...field} rows={5} {...register('description')} />}
            </Field>
          </CardContent>
        </Card>

        <Card aria-labelledby={attributesId}>
          <CardHeader>
            <CardTitle id={attributesId}>{t('products.form.attributes')}</CardTitle>
            <p className="text-sm text-slate-500">{t('products.form.attributesHint')}</p>
          </CardHeader>
          <CardContent className="flex flex-col gap-3">
            {attributes.fields.length === 0 && <p className="text-sm text-slate-500">{t('products.form.noAttributes')}</p>}
            {attributes.fields.map((row, index) => {
              const type = rows[index]?.type ?? row.type;
              const rowErrors = errors.attributes?.[index];
              return (
                <div key={row.id} className="grid items-start gap-3 sm:grid-cols-[1fr_8rem_1fr_auto]">
                  <Field label={t('products.form.attributeName', { n: index + 1 })} error={fieldError(rowErrors?.name?.message)}>
                    {(field) => <Input {...field} {...register(`attributes.${index}.name`)} />}
                  </Field>
                  <Field label={t('products.form.attributeType', { n: index + 1 })}>
                    {(field) => (
                      <Select
                        {...field}
                        {...register(`attributes.${index}.type`, {
                          onChange: (event: ChangeEvent<HTMLSelectElement>) =>
                            handleTypeChange(index, event.target.value),
                        })}
                      >
                        {ATTRIBUTE_TYPES.map((option) => (
                          <option key={option} value={option}>
                            {t(`products.form.attributeTypes.${option}`)}
                          </option>
                        ))}
                      </Select>
                    )}
                  </Field>
                  <Field label={t('products.form.attributeValue', { n: index + 1 })} error={fieldError(rowErrors?.value?.message)}>
                    {(field) =>
                      type === 'boolean' ? (
                        <Select {...field} {...register(`attributes.${index}.value`)}>
                          <option value="true">{t('products.form.yes')}</option>
                          <option value="false">{t('products.form.no')}</option>
                        </Select>
                      ) : (
                        <Input
                          {...field}
                          inputMode={type === 'number' ? 'decimal' : undefined}
                          {...register(`attributes.${index}.value`)}
                        />
                      )
                    }
                  </Field>
                  {!readOnly && (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="sm:mt-6.5"
                      aria-label={t('products.form.removeAttribute', { n: index + 1 })}
                      onClick={() => attributes.remove(index)}
                    >
                      ✕
                    </Button>
                  )}
                </div>
              );
            })}
            {!readOnly && (
              <div>
                <Button variant="secondary" size="sm" onClick={() => attributes.append({ name: '', type: 'text', value: '' })}>
                  {t('products.form.addAttribute')}
                </Button>
              </div>
            )}
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
