import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api';

/** "Too many attempts" with the wait the server asked for, when it said. */
export function useRateLimitText(): (error: unknown) => string | undefined {
  const { t } = useTranslation();
  return (error) => {
    if (!isApiError(error) || error.status !== 429) return undefined;
    const seconds = error.retryAfterSeconds;
    return seconds ? t('publicLinks.rateLimited', { seconds }) : t('publicLinks.rateLimitedShort');
  };
}
