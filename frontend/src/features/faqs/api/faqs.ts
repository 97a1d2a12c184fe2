import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { toQueryString, type ListPage, type SortOrder } from '@/lib/list';
import type { Language } from '@/i18n/languages';
import { workspacePath } from '@/features/workspaces/api/workspaces';

export type Faq = {
  id: string;
  question: string;
  answer: string;
  language: Language;
  active: boolean;
  createdAt: string;
};

export type FaqInput = Pick<Faq, 'question' | 'answer' | 'language' | 'active'>;

export type FaqSort = 'question' | 'createdAt';

export const FAQ_SORTS: readonly FaqSort[] = ['question', 'createdAt'];

export type FaqFilters = {
  search?: string;
  active?: boolean;
  language?: Language;
  sort?: FaqSort;
  order?: SortOrder;
  page: number;
  limit: number;
};

export const faqKeys = {
  all: ['faqs'] as const,
  lists: (workspaceId: string) => ['faqs', workspaceId, 'list'] as const,
  list: (workspaceId: string, filters: FaqFilters) => ['faqs', workspaceId, 'list', filters] as const,
  detail: (workspaceId: string, id: string) => ['faqs', workspaceId, 'detail', id] as const,
};

function faqsPath(workspaceId: string): string {
  return `${workspacePath(workspaceId)}/faqs`;
}

function faqPath(workspaceId: string, id: string): string {
  return `${faqsPath(workspaceId)}/${encodeURIComponent(id)}`;
}

export function useFaqs(workspaceId: string, filters: FaqFilters) {
  return useQuery({
    queryKey: faqKeys.list(workspaceId, filters),
    queryFn: ({ signal }) =>
      apiFetch<ListPage<Faq>>(
        `${faqsPath(workspaceId)}${toQueryString({ ...filters, search: filters.search?.trim(), order: filters.sort && filters.order })}`,
        { signal },
      ),
    placeholderData: keepPreviousData,
  });
}

export function useFaq(workspaceId: string, id: string) {
  return useQuery({
    queryKey: faqKeys.detail(workspaceId, id),
    queryFn: ({ signal }) => apiFetch<Faq>(faqPath(workspaceId, id), { signal }),
  });
}

function useInvalidateFaqs(workspaceId: string) {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: faqKeys.lists(workspaceId) });
}

export function useCreateFaq(workspaceId: string) {
  const invalidate = useInvalidateFaqs(workspaceId);
  return useMutation({
    mutationFn: (faq: FaqInput) => apiFetch<Faq>(faqsPath(workspaceId), { method: 'POST', body: faq }),
    onSuccess: () => invalidate(),
  });
}

export function useUpdateFaq(workspaceId: string, id: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFaqs(workspaceId);
  return useMutation({
    mutationFn: (changes: Partial<FaqInput>) => apiFetch<Faq>(faqPath(workspaceId, id), { method: 'PATCH', body: changes }),
    onSuccess: (faq) => {
      queryClient.setQueryData(faqKeys.detail(workspaceId, id), faq);
      return invalidate();
    },
  });
}

export function useDeleteFaq(workspaceId: string) {
  const queryClient = useQueryClient();
  const invalidate = useInvalidateFaqs(workspaceId);
  return useMutation({
    mutationFn: (id: string) => apiFetch<void>(faqPath(workspaceId, id), { method: 'DELETE' }),
    onSuccess: (_, id) => {
      queryClient.removeQueries({ queryKey: faqKeys.detail(workspaceId, id) });
      return invalidate();
    },
  });
}
