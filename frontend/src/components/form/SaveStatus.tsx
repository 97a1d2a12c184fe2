import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Alert } from '@/components/ui/alert';

/** Above a settings form: why the last save failed, or that it was saved (until the next edit). */
export function SaveStatus({
  mutation,
  dirty,
  failed,
  saved,
}: {
  mutation: { isError: boolean; isSuccess: boolean; error: unknown };
  dirty: boolean;
  failed: string;
  saved: string;
}) {
  return (
    <>
      {mutation.isError && <ProblemAlert error={mutation.error} message={failed} />}
      {mutation.isSuccess && !dirty && <Alert tone="success">{saved}</Alert>}
    </>
  );
}
