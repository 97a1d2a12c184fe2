import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { toQueryString } from '@/lib/list';
import { workspacePath } from '@/features/workspaces/api/workspaces';

export type SearchHitType = 'product' | 'service' | 'faq' | 'offer';

export type SearchHit = {
  type: SearchHitType;
  id: string;
  title: string;
  snippet: string;
  score: number;
  /** Products and services only; minor units. */
  price?: number;
};

export const searchKeys = {
  all: ['search'] as const,
  query: (workspaceId: string, q: string, types: readonly SearchHitType[], limit: number) =>
    ['search', workspaceId, q, types.join(','), limit] as const,
};

/** Multilingual, typo-tolerant search of the catalog; nothing is asked for an empty text. */
export function useCatalogSearch(workspaceId: string, q: string, types: readonly SearchHitType[], limit = 8) {
  const text = q.trim();
  return useQuery({
    queryKey: searchKeys.query(workspaceId, text, types, limit),
    queryFn: ({ signal }) =>
      apiFetch<{ items: SearchHit[]; total: number }>(
        `${workspacePath(workspaceId)}/search${toQueryString({ q: text, types: types.join(','), limit })}`,
        { signal },
      ),
    enabled: text !== '',
    placeholderData: keepPreviousData,
    select: (data) => data.items,
  });
}
