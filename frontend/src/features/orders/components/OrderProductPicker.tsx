import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchPicker } from '@/components/form/SearchPicker';
import { useProducts, type Product } from '@/features/products/api/products';
import { formatMoney } from '@/lib/money';

const MATCHES = 8;

type OrderProductPickerProps = {
  workspaceId: string;
  currency: string;
  /** Products already in the order: not offered again. */
  exclude: ReadonlySet<string>;
  onPick: (product: Product) => void;
};

/** Finds an active product by name or SKU, with its price and stock. */
export function OrderProductPicker({ workspaceId, currency, exclude, onPick }: OrderProductPickerProps) {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  const [query, setQuery] = useState('');
  const search = query.trim();
  const products = useProducts(workspaceId, { search, status: 'active', page: 1, limit: MATCHES }, { enabled: search !== '' });
  const results = products.data?.items.filter((product) => !exclude.has(product.id));

  function handlePick(product: Product) {
    setQuery('');
    onPick(product);
  }

  return (
    <SearchPicker
      label={t('orders.new.items.search')}
      placeholder={t('products.picker.placeholder')}
      resultsLabel={t('products.picker.results')}
      noResults={t('products.picker.noResults')}
      query={query}
      onQueryChange={setQuery}
      results={results}
      itemKey={(product) => product.id}
      renderItem={(product) => (
        <>
          <span className="block truncate font-medium text-slate-900">{product.name}</span>
          <span className="block truncate text-xs text-slate-500">
            {t('orders.new.items.productDetail', {
              sku: product.sku,
              price: formatMoney(product.price, currency, locale),
              stock: product.stock,
            })}
          </span>
        </>
      )}
      pickLabel={(product) => t('products.picker.add', { name: product.name })}
      pickText={t('products.picker.addShort')}
      onPick={handlePick}
    />
  );
}
