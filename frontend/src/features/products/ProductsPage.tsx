import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { Pagination } from '@/components/data/Pagination';
import { EmptyRow, SortableTh, Table, TableBody, TableHead, Td, Th } from '@/components/data/table';
import { useListLinkState } from '@/components/data/listLinks';
import { useListParams } from '@/components/data/useListParams';
import { Loading } from '@/components/feedback/Loading';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { PageHeader } from '@/components/layout/PageHeader';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { can } from '@/features/auth/permissions';
import { categoryKeys, useCategories } from '@/features/categories/api/categories';
import { CsvTransferActions } from '@/features/csv-import/CsvTransferActions';
import { categoryPath } from '@/features/categories/categoryTree';
import { useWorkspace } from '@/features/workspaces/api/workspaces';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { PAGE_SIZE, type SortOrder } from '@/lib/list';
import { formatMoney, parseAmount } from '@/lib/money';
import {
  PRODUCT_SORTS,
  PRODUCT_STATUSES,
  productKeys,
  useProducts,
  type ProductFilters,
  type ProductSort,
  type ProductStatus,
} from './api/products';
import { BulkActions } from './components/BulkActions';
import { ProductFiltersBar } from './components/ProductFiltersBar';
import { PRODUCT_STATUS_TONES } from './productStatus';

function defaultOrder(sort: ProductSort): SortOrder {
  return sort === 'createdAt' ? 'desc' : 'asc';
}

function isProductStatus(value: string): value is ProductStatus {
  return (PRODUCT_STATUSES as readonly string[]).includes(value);
}

export function ProductsPage() {
  const { t, i18n } = useTranslation();
  const { workspaceId = '' } = useParams();
  const membership = useCurrentMembership();
  const canManage = can(membership?.role, 'catalog.manage');
  const workspace = useWorkspace(workspaceId);
  const currency = workspace.data?.currency;
  const categories = useCategories(workspaceId);
  const list = useListParams(PRODUCT_SORTS, defaultOrder);
  const linkState = useListLinkState();
  const locale = i18n.resolvedLanguage ?? 'en';

  const status = list.get('status');
  const minText = list.get('minPrice');
  const maxText = list.get('maxPrice');
  const minPrice = currency && minText ? parseAmount(minText, currency) : undefined;
  const maxPrice = currency && maxText ? parseAmount(maxText, currency) : undefined;
  const filters: ProductFilters = {
    search: list.get('search') || undefined,
    status: isProductStatus(status) ? status : undefined,
    categoryId: list.get('categoryId') || undefined,
    includeSubcategories: list.get('includeSubcategories') !== 'false',
    minPrice,
    maxPrice,
    sort: list.sort,
    order: list.order,
    page: list.page,
    limit: PAGE_SIZE,
  };
  // The price filters are in minor units: wait for the currency before asking.
  const products = useProducts(workspaceId, filters, { enabled: Boolean(currency) });
  const shownSort = list.sort ?? (filters.search ? undefined : 'createdAt');
  const shownOrder = list.order ?? (filters.search ? undefined : 'desc');

  // The selection belongs to one page of one query: another page or filter starts afresh.
  const selectionKey = JSON.stringify(filters);
  const [selection, setSelection] = useState<{ key: string; ids: ReadonlySet<string> }>({ key: '', ids: new Set() });
  const selected = selection.key === selectionKey ? selection.ids : new Set<string>();
  const items = products.data?.items ?? [];
  const allSelected = items.length > 0 && items.every((product) => selected.has(product.id));

  function handleToggle(id: string) {
    const next = new Set(selected);
    if (next.has(id)) next.delete(id);
    else next.add(id);
    setSelection({ key: selectionKey, ids: next });
  }

  function handleToggleAll() {
    setSelection({ key: selectionKey, ids: allSelected ? new Set() : new Set(items.map((product) => product.id)) });
  }

  function handleClearSelection() {
    setSelection({ key: selectionKey, ids: new Set() });
  }

  function handleSort(field: ProductSort) {
    list.sortBy(field, shownSort && shownOrder ? { sort: shownSort, order: shownOrder } : undefined);
  }

  const columns = canManage ? 7 : 6;

  return (
    <div className="flex flex-col gap-6">
      <PageHeader
        title={t('products.title')}
        description={t('products.subtitle')}
        actions={
          <div className="flex flex-wrap gap-2">
            <CsvTransferActions
              kind="products"
              workspaceId={workspaceId}
              canImport={canManage}
              invalidates={[productKeys.lists(workspaceId), categoryKeys.list(workspaceId)]}
            />
            {canManage && (
              <Button asChild>
                <Link to="new" state={linkState}>
                  {t('products.new')}
                </Link>
              </Button>
            )}
          </div>
        }
      />
      <ProductFiltersBar
        currency={currency}
        categories={categories.data ?? []}
        values={{
          search: list.get('search'),
          status: filters.status ?? '',
          categoryId: list.get('categoryId'),
          includeSubcategories: filters.includeSubcategories ?? true,
          minPrice: minText,
          maxPrice: maxText,
        }}
        invalid={{ minPrice: minText !== '' && minPrice === undefined, maxPrice: maxText !== '' && maxPrice === undefined }}
        onChange={list.update}
      />
      {products.isError || workspace.isError ? (
        <ProblemAlert error={products.error ?? workspace.error} message={t('products.loadFailed')} />
      ) : products.data && currency ? (
        <Card aria-busy={products.isPlaceholderData}>
          {canManage && selected.size > 0 && (
            <BulkActions workspaceId={workspaceId} ids={[...selected]} onDone={handleClearSelection} />
          )}
          <Table aria-label={t('products.title')}>
            <TableHead>
              <tr>
                {canManage && (
                  <Th className="w-10">
                    <Checkbox
                      aria-label={t('products.selectAll')}
                      checked={allSelected}
                      onChange={handleToggleAll}
                      disabled={items.length === 0}
                    />
                  </Th>
                )}
                <SortableTh field="name" label={t('products.fields.name')} sort={shownSort} order={shownOrder} onSort={handleSort} />
                <SortableTh field="sku" label={t('products.fields.sku')} sort={shownSort} order={shownOrder} onSort={handleSort} />
                <Th>{t('products.fields.category')}</Th>
                <SortableTh
                  field="price"
                  label={t('products.fields.price')}
                  sort={shownSort}
                  order={shownOrder}
                  onSort={handleSort}
                  className="text-right"
                />
                <SortableTh
                  field="stock"
                  label={t('products.fields.stock')}
                  sort={shownSort}
                  order={shownOrder}
                  onSort={handleSort}
                  className="text-right"
                />
                <Th>{t('products.fields.status')}</Th>
              </tr>
            </TableHead>
            <TableBody>
              {items.length === 0 && <EmptyRow colSpan={columns}>{t('products.empty')}</EmptyRow>}
              {items.map((product) => (
                <tr key={product.id} className={selected.has(product.id) ? 'bg-brand-50/50' : undefined}>
                  {canManage && (
                    <Td>
                      <Checkbox
                        aria-label={t('products.select', { name: product.name })}
                        checked={selected.has(product.id)}
                        onChange={() => handleToggle(product.id)}
                      />
                    </Td>
                  )}
                  <Td>
                    <div className="flex items-center gap-3">
                      {product.images[0] && (
                        <img src={product.images[0].url} alt="" className="size-9 shrink-0 rounded object-cover" />
                      )}
                      <Link
                        to={product.id}
                        state={linkState}
                        className="font-medium text-slate-900 hover:text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        {product.name}
                      </Link>
                    </div>
                  </Td>
                  <Td className="font-mono text-xs whitespace-nowrap text-slate-600">{product.sku}</Td>
                  <Td className="text-slate-600">
                    {product.categoryId ? categoryPath(categories.data ?? [], product.categoryId) : '—'}
                  </Td>
                  <Td className="text-right whitespace-nowrap tabular-nums">{formatMoney(product.price, currency, locale)}</Td>
                  <Td className="text-right tabular-nums">{product.stock}</Td>
                  <Td>
                    <Badge tone={PRODUCT_STATUS_TONES[product.status]}>{t(`products.statuses.${product.status}`)}</Badge>
                  </Td>
                </tr>
              ))}
            </TableBody>
          </Table>
          <Pagination
            label={t('products.pagination')}
            page={list.page}
            limit={PAGE_SIZE}
            total={products.data.total}
            onPageChange={list.setPage}
          />
        </Card>
      ) : (
        <Loading />
      )}
    </div>
  );
}
