import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate, useSearchParams } from 'react-router';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { useFieldErrorText, validation } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { TextLink } from '@/components/ui/text-link';
import { isApiError } from '@/lib/api';
import { formatDuration } from '@/lib/format';
import { useLogin } from './api/auth';
import { AuthCard } from './components/AuthCard';
import { safeNextPath } from './session';

const loginSchema = z.object({
  email: z.string().trim().min(1, validation('required')).pipe(z.email(validation('email'))),
  password: z.string().min(1, validation('required')),
});

type LoginForm = z.infer<typeof loginSchema>;

function LoginError({ error }: { error: unknown }) {
  const { t, i18n } = useTranslation();
  if (isApiError(error) && error.status === 401) return <Alert>{t('auth.login.invalid')}</Alert>;
  if (isApiError(error) && error.status === 429) {
    const seconds = error.retryAfterSeconds;
    return (
      <Alert>
        {seconds === undefined
          ? t('auth.login.rateLimitedLater')
          : t('auth.login.rateLimited', { wait: formatDuration(seconds, i18n.resolvedLanguage ?? 'en') })}
      </Alert>
    );
  }
  return <ProblemAlert error={error} message={t('auth.login.failed')} />;
}

export function LoginPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [searchParams] = useSearchParams();
  const next = searchParams.get('next');
  const login = useLogin();
  const fieldError = useFieldErrorText();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<LoginForm>({ resolver: zodResolver(loginSchema), defaultValues: { email: '', password: '' } });

  function handleLogin(values: LoginForm) {
    login.mutate(values, { onSuccess: () => void navigate(safeNextPath(next), { replace: true }) });
  }

  return (
    <AuthCard
      title={t('auth.login.title')}
      description={next ? t('auth.login.continue') : t('auth.login.subtitle')}
    >
      <form noValidate onSubmit={handleSubmit(handleLogin)} className="flex flex-col gap-4">
        {login.isError && <LoginError error={login.error} />}
        <Field label={t('auth.login.email')} error={fieldError(errors.email?.message)}>
          {(control) => <Input {...control} type="email" autoComplete="username" autoFocus {...register('email')} />}
        </Field>
        <Field label={t('auth.login.password')} error={fieldError(errors.password?.message)}>
          {(control) => (
            <Input {...control} type="password" autoComplete="current-password" {...register('password')} />
          )}
        </Field>
        <div className="-mt-1 text-right text-sm">
          <TextLink to="/forgot-password">{t('auth.login.forgot')}</TextLink>
        </div>
        <Button type="submit" disabled={login.isPending}>
          {login.isPending ? t('auth.login.submitting') : t('auth.login.submit')}
        </Button>
      </form>
    </AuthCard>
  );
}
