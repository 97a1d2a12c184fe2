import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { isApiError } from '@/lib/api';

type ProblemAlertProps = {
  error: unknown;
  /** What failed, e.g. "Could not save the settings." Defaults to the server's explanation alone. */
  message?: ReactNode;
  className?: string;
  children?: ReactNode;
};

/** Shows a failed request: what failed, the server's explanation and the request id to quote. */
export function ProblemAlert({ error, message, className, children }: ProblemAlertProps) {
  const { t } = useTranslation();
  const problem = isApiError(error) ? error.problem : undefined;
  const explanation =
    problem === undefined
      ? t('errors.unexpected')
      : problem.status === 0
        ? t('errors.unreachable')
        : problem.detail && problem.detail !== problem.title
          ? problem.detail
          : problem.title;

  return (
    <Alert className={className}>
      {message && <p className="font-medium">{message}</p>}
      <p>{explanation}</p>
      {problem?.requestId && <p className="mt-1 font-mono text-xs">{t('errors.requestId', { id: problem.requestId })}</p>}
      {children}
    </Alert>
  );
}
