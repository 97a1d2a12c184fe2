import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { useFieldErrorText, validation } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { TextLink } from '@/components/ui/text-link';
import { useRequestPasswordReset } from './api/auth';
import { AuthCard } from './components/AuthCard';

const forgotSchema = z.object({
  email: z.string().trim().min(1, validation('required')).pipe(z.email(validation('email'))),
});

type ForgotForm = z.infer<typeof forgotSchema>;

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const requestReset = useRequestPasswordReset();
  const fieldError = useFieldErrorText();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<ForgotForm>({ resolver: zodResolver(forgotSchema), defaultValues: { email: '' } });

  function handleRequest({ email }: ForgotForm) {
    requestReset.mutate(email);
  }

  return (
    <AuthCard
      title={t('auth.forgot.title')}
      description={t('auth.forgot.description')}
      footer={<TextLink to="/login">{t('auth.forgot.back')}</TextLink>}
    >
      {requestReset.isSuccess ? (
        <Alert tone="success">{t('auth.forgot.sent', { email: requestReset.variables })}</Alert>
      ) : (
        <form noValidate onSubmit={handleSubmit(handleRequest)} className="flex flex-col gap-4">
          {requestReset.isError && <ProblemAlert error={requestReset.error} message={t('auth.forgot.failed')} />}
          <Field label={t('auth.forgot.email')} error={fieldError(errors.email?.message)}>
            {(control) => <Input {...control} type="email" autoComplete="email" autoFocus {...register('email')} />}
          </Field>
          <Button type="submit" disabled={requestReset.isPending}>
            {requestReset.isPending ? t('auth.forgot.submitting') : t('auth.forgot.submit')}
          </Button>
        </form>
      )}
    </AuthCard>
  );
}
