import { QueryClient } from '@tanstack/react-query';
import { isApiError } from '@/lib/api';

const MAX_RETRIES = 2;

/** Client errors (4xx) are not retried: asking again gives the same answer. */
function shouldRetry(failureCount: number, error: unknown): boolean {
  if (isApiError(error) && error.status >= 400 && error.status < 500) return false;
  return failureCount < MAX_RETRIES;
}

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5_000,
        retry: shouldRetry,
      },
    },
  });
}
