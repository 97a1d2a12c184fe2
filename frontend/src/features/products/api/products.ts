import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { toQueryString, type ListPage, type SortOrder } from '@/lib/list';
import type { Language } from '@/i18n/languages';
import { categoryKeys } from '@/features/categories/api/categories';
import { workspacePath } from '@/features/workspaces/api/workspaces';

export type ProductStatus = 'active' | 'inactive' | 'draft';

export const PRODUCT_STATUSES: readonly ProductStatus[] = ['active', 'inactive', 'draft'];

export type AttributeValue = string | number | boolean;

export type ProductImage = {
  id: string;
  contentType: string;
  /** Same-origin path of the image. */
  url: string;
};

export type Product = {
  id: string;
  name: string;
  description: string;
  sku: string;
  /** Gross unit price in minor units. */
  price: number;
  /** Percentage, e.g. 22 or 4.5. */
  taxRate: number;
  stock: number;
  status: ProductStatus;
  categoryId: string | null;
  attributes: Record<string, AttributeValue>;
  language: Language;
  images: ProductImage[];
  createdAt: string;
  updatedAt: string;
};

export type ProductInput = Pick<
  Product,
  'name' | 'description' | 'sku' | 'price' | 'taxRate' | 'stock' | 'status' | 'categoryId' | 'attributes' | 'language'
>;

export type ProductSort = 'createdAt' | 'name' | 'price' | 'stock' | 'sku';

export const PRODUCT_SORTS: readonly ProductSort[] = ['createdAt', 'name', 'price', 'stock', 'sku'];

export type ProductFilters = {
  search?: string;
  status?: ProductStatus;
  categoryId?: string;
  /** With `categoryId`: also the products of its sub-categories (the server's default). */
  includeSubcategories?: boolean;
  /** Minor units. */
  minPrice?: number;
  maxPrice?: number;
  /** Undefined: the server's default (relevance while searching, otherwise newest first). */
  sort?: ProductSort;
  order?: SortOrder;
  page: number;
  limit: number;
};

export const productKeys = {
  all: ['products'] as const,
  workspace: (workspaceId: string) => ['products', workspaceId] as const,
  lists: (workspaceId: string) => ['products', workspaceId, 'list'] as const,
  list: (workspaceId: string, filters: ProductFilters) => ['products', workspaceId, 'list', filters] as const,
  detail: (workspaceId: string, id: string) => ['products', workspaceId, 'detail', id] as const,
};

function productsPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/products`;
}

function productPath(workspaceId: string, id: string): string {
  return `${productsPath(workspaceId)}/${encodeURIComponent(id)}`;
}

/** The query string of `GET …/products` for these filters (empty filters are left out). */
export function productsQuery(filters: ProductFilters): string {
  const search = filters.search?.trim();
  return toQueryString({
    search,
    status: filters.status,
    categoryId: filters.categoryId,
    includeSubcategories: filters.categoryId ? (filters.includeSubcategories ?? true) : undefined,
    minPrice: filters.minPrice,
    maxPrice: filters.maxPrice,
    sort: filters.sort,
    order: filters.sort ? filters.order : undefined,
    page: filters.page,
    limit: filters.limit,
  });
}

export function useProducts(workspaceId: string, filters: ProductFilters, { enabled = true } = {}) {
  return useQuery({
    queryKey: productKeys.list(workspaceId, filters),
    queryFn: ({ signal }) => apiFetch<ListPage<Product>>(`${productsPath(workspaceId)}${productsQuery(filters)}`, { signal }),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export function useProduct(workspaceId: string, id: string) {
  return useQuery({
    queryKey: productKeys.detail(workspaceId, id),
    queryFn: ({ signal }) => apiFetch<Product>(productPath(workspaceId, id), { signal }),
  });
}

/** Product changes move category counts too. */
function useInvalidateProducts(workspaceId: string) {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: productKeys.lists(workspaceId) }),
      queryClient.invalidateQueries({ queryKey: categoryKeys.list(workspaceId) }),
    ]);
}

export function useCreateProduct(workspaceId: string) {
  const invalidate = useInvalidateProducts(workspaceId);
  return useMutation({
    mutationFn: (product: ProductInput) => apiFetch<Product>(productsPath(workspaceId), { method: 'POST', body: product }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateProduct(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateProducts(workspaceId);
  return useMutation({
    mutationFn: (changes: Partial<ProductInput>) =>
      apiFetch<Product>(productPath(workspaceId, id), { method: 'PATCH', body: changes }),
    onSuccess: (product) => {
      queryClient.setQueryData(productKeys.detail(workspaceId, id), product);
      return invalidate();
    },
  });
}

export function useDeleteProduct(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateProducts(workspaceId);
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(productPath(workspaceId, id), { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: productKeys.detail(workspaceId, id) });
      return invalidate();
    },
  });
}

/** The same change to several products: one PATCH each, all at once. */
export function useBulkUpdateProducts(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateProducts(workspaceId);
  return useMutation({
    mutationFn: ({ ids, changes }: { ids: readonly string[]; changes: Partial<ProductInput> }) =>
      Promise.all(
        ids.map((id) => apiFetch<Product>(productPath(workspaceId, id), { method: 'PATCH', body: changes })),
      ),
    onSettled: () =>
      Promise.all([invalidate(), queryClient.invalidateQueries({ queryKey: [...productKeys.workspace(workspaceId), 'detail'] })]),
  });
}

export function useBulkDeleteProducts(workspaceId: string) {
  const invalidate = useInvalidateProducts(workspaceId);
  return useMutation({
    mutationFn: (ids: readonly string[]) =>
      Promise.all(ids.map((id) => apiFetch<void>(productPath(workspaceId, id), { method: 'DELETE' }))),
    onSettled: () => invalidate(),
  });
}
