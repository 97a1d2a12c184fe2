import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { toQueryString } from '@/lib/list';
import { productKeys } from '@/features/products/api/products';
import { workspacePath } from '@/features/workspaces/api/workspaces';

export type Category = {
  id: string;
  /** null for a top-level category. */
  parentId: string | null;
  name: string;
  description: string;
  /** Lower comes first among siblings. */
  displayOrder: number;
  active: boolean;
  /** Products directly in this category, not in its sub-categories. */
  productCount: number;
  createdAt: string;
};

export type CategoryInput = {
  name: string;
  description: string;
  parentId: string | null;
  displayOrder: number;
  active: boolean;
};

/** Where the products and sub-categories of a deleted category go (without either: only if it is empty). */
export type CategoryDeletion = {
  id: string;
  moveProductsTo?: string;
  detachProducts?: boolean;
};

export const categoryKeys = {
  all: ['categories'] as const,
  list: (workspaceId: string) => ['categories', workspaceId] as const,
};

function categoriesPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/categories`;
}

function categoryPath(workspaceId: string, id: string): string {
  return `${categoriesPath(workspaceId)}/${encodeURIComponent(id)}`;
}

/** Every category of the workspace, by display order then name. */
export function useCategories(workspaceId: string) {
  return useQuery({
    queryKey: categoryKeys.list(workspaceId),
    queryFn: ({ signal }) => apiFetch<{ items: Category[]; total: number }>(categoriesPath(workspaceId), { signal }),
    select: (data) => data.items,
  });
}

function useInvalidateCategories(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: categoryKeys.list(workspaceId) });
}

export function useCreateCategory(workspaceId: string) {
  const invalidate = useInvalidateCategories(workspaceId);
  return useMutation({
    mutationFn: (category: CategoryInput) =>
      apiFetch<Category>(categoriesPath(workspaceId), { method: 'POST', body: category }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateCategory(workspaceId: string) {
  const invalidate = useInvalidateCategories(workspaceId);
  return useMutation({
    mutationFn: ({ id, changes }: { id: string; changes: Partial<CategoryInput> }) =>
      apiFetch<Category>(categoryPath(workspaceId, id), { method: 'PATCH', body: changes }),
    onSuccess: () => invalidate(),
  });
}

/** Gives several categories a new display order at once (one PATCH each). */
export function useReorderCategories(workspaceId: string) {
  const invalidate = useInvalidateCategories(workspaceId);
  return useMutation({
    mutationFn: (orders: ReadonlyArray<{ id: string; displayOrder: number }>) =>
      Promise.all(
        orders.map(({ id, displayOrder }) =>
          apiFetch<Category>(categoryPath(workspaceId, id), { method: 'PATCH', body: { displayOrder } }),
        ),
      ),
    onSettled: () => invalidate(),
  });
}

/**
 * Deleting a category that holds products or sub-categories answers 409 unless the request says
 * where they go; moving or detaching them changes products too.
 */
export function useDeleteCategory(workspaceId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, moveProductsTo, detachProducts }: CategoryDeletion) =>
      apiFetch<void>(
        `${categoryPath(workspaceId, id)}${toQueryString({ moveProductsTo, detachProducts: detachProducts || undefined })}`,
        { method: 'DELETE' },
      ),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: categoryKeys.list(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: productKeys.workspace(workspaceId) }),
      ]),
  });
}
