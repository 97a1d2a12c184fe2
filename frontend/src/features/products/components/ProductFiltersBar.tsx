import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { DebouncedInput } from '@/components/form/DebouncedInput';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';
import type { Category } from '@/features/categories/api/categories';
import { categoryOptions } from '@/features/categories/categoryTree';
import { PRODUCT_STATUSES } from '../api/products';

/** The filters as typed, i.e. as kept in the URL (prices in currency units). */
export type ProductFilterValues = {
  search: string;
  status: string;
  categoryId: string;
  includeSubcategories: boolean;
  minPrice: string;
  maxPrice: string;
};

type ProductFiltersBarProps = {
  currency: string | undefined;
  categories: readonly Category[];
  values: ProductFilterValues;
  invalid: { minPrice: boolean; maxPrice: boolean };
  /** URL parameters to set ('' or undefined removes one). */
  onChange: (changes: Record<string, string | undefined>) => void;
};

export function ProductFiltersBar({ currency, categories, values, invalid, onChange }: ProductFiltersBarProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const filtered =
    values.search !== '' || values.status !== '' || values.categoryId !== '' || values.minPrice !== '' || values.maxPrice !== '';

  function handleClear() {
    onChange({ search: '', status: '', categoryId: '', includeSubcategories: '', minPrice: '', maxPrice: '' });
  }

  return (
    <Card aria-labelledby={titleId} className="px-5 py-4">
      <h2 id={titleId} className="sr-only">
        {t('products.filters.title')}
      </h2>
      <div className="grid items-start gap-4 sm:grid-cols-2 lg:grid-cols-[2fr_1.3fr_1.7fr_1fr_1fr]">
        <Field label={t('products.filters.search')}>
          {(control) => (
            <DebouncedInput
              {...control}
              type="search"
              placeholder={t('products.filters.searchPlaceholder')}
              value={values.search}
              onValueChange={(search) => onChange({ search })}
            />
          )}
        </Field>
        <Field label={t('products.filters.status')}>
          {(control) => (
            <Select {...control} value={values.status} onChange={(event) => onChange({ status: event.target.value })}>
              <option value="">{t('products.filters.anyStatus')}</option>
              {PRODUCT_STATUSES.map((status) => (
                <option key={status} value={status}>
                  {t(`products.statuses.${status}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <div className="flex flex-col gap-2">
          <Field label={t('products.filters.category')}>
            {(control) => (
              <Select
                {...control}
                value={values.categoryId}
                onChange={(event) => onChange({ categoryId: event.target.value })}
              >
                <option value="">{t('products.filters.anyCategory')}</option>
                {categoryOptions(categories).map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Checkbox
            label={t('products.filters.includeSubcategories')}
            checked={values.includeSubcategories}
            disabled={values.categoryId === ''}
            onChange={(event) => onChange({ includeSubcategories: event.target.checked ? undefined : 'false' })}
          />
        </div>
        <Field
          label={t('products.filters.minPrice', { currency: currency ?? '' })}
          error={invalid.minPrice ? t('validation.amount') : undefined}
        >
          {(control) => (
            <DebouncedInput
              {...control}
              inputMode="decimal"
              value={values.minPrice}
              onValueChange={(minPrice) => onChange({ minPrice: minPrice.trim() })}
            />
          )}
        </Field>
        <Field
          label={t('products.filters.maxPrice', { currency: currency ?? '' })}
          error={invalid.maxPrice ? t('validation.amount') : undefined}
        >
          {(control) => (
            <DebouncedInput
              {...control}
              inputMode="decimal"
              value={values.maxPrice}
              onValueChange={(maxPrice) => onChange({ maxPrice: maxPrice.trim() })}
            />
          )}
        </Field>
      </div>
      {filtered && (
        <div className="mt-3 flex justify-end">
          <Button variant="ghost" size="sm" onClick={handleClear}>
            {t('products.filters.clear')}
          </Button>
        </div>
      )}
    </Card>
  );
}
