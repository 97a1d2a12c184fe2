import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api';
import { workspacePath } from '@/features/workspaces/api/workspaces';

export type OutboxMail = {
  id: string;
  to: string;
  subject: string;
  /** Plain text. */
  body: string;
  createdAt: string;
  status: string;
};

export type OutboxPage = {
  items: OutboxMail[];
  total: number;
};

export const OUTBOX_PAGE_SIZE = 20;

export const mailOutboxKeys = {
  all: ['mail-outbox'] as const,
  page: (workspaceId: string, page: number) => ['mail-outbox', workspaceId, page] as const,
};

export function useMailOutbox(workspaceId: string, page: number) {
  return useQuery({
    queryKey: mailOutboxKeys.page(workspaceId, page),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams({ page: String(page), limit: String(OUTBOX_PAGE_SIZE) });
      return apiFetch<OutboxPage>(`${workspacePath(workspaceId)}/mail-outbox?${query}`, { signal });
    },
    placeholderData: keepPreviousData,
  });
}
