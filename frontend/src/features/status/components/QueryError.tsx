import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { isApiError } from '@/lib/api';

type QueryErrorProps = {
  message: string;
  error: unknown;
  onRetry: () => void;
};

export function QueryError({ message, error, onRetry }: QueryErrorProps) {
  const { t } = useTranslation();
  const problem = isApiError(error) ? error.problem : undefined;
  const unreachable = problem?.status === 0;

  return (
    <Alert className="flex flex-col items-start gap-2">
      <p className="font-medium">{message}</p>
      {unreachable ? (
        <p>{t('status.errors.unreachable')}</p>
      ) : (
        problem && (
          <p>
            {problem.status} · {problem.title}
            {problem.detail && problem.detail !== problem.title ? ` — ${problem.detail}` : ''}
          </p>
        )
      )}
      {problem?.requestId && (
        <p className="font-mono text-xs">{t('status.errors.requestId', { id: problem.requestId })}</p>
      )}
      <Button variant="secondary" size="sm" onClick={onRetry}>
        {t('status.errors.retry')}
      </Button>
    </Alert>
  );
}
