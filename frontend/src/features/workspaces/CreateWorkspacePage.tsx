import { zodResolver } from '@hookform/resolvers/zod';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import type { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors, useFieldErrorText } from '@/components/form/validation';
import { PageHeader } from '@/components/layout/PageHeader';
import { Button } from '@/components/ui/button';
import { Card, CardContent } from '@/components/ui/card';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { useMe } from '@/features/auth/api/auth';
import { DEFAULT_LANGUAGE, isLanguage } from '@/i18n/languages';
import { useCreateWorkspace } from './api/workspaces';
import { WorkspaceDetailsFields } from './components/WorkspaceDetailsFields';
import { workspaceSectionPath } from './workspaceNav';
import { browserTimeZone, newWorkspaceSchema } from './workspaceSchema';

type NewWorkspaceForm = z.infer<typeof newWorkspaceSchema>;

const FIELDS = ['name', 'slug', 'currency', 'defaultLanguage', 'timezone', 'businessType'] as const;

export function CreateWorkspacePage() {
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const me = useMe();
  const createWorkspace = useCreateWorkspace();
  const fieldError = useFieldErrorText();
  const first = (me.data?.memberships.length ?? 0) === 0;
  const form = useForm<NewWorkspaceForm>({
    resolver: zodResolver(newWorkspaceSchema),
    defaultValues: {
      name: '',
      slug: '',
      currency: 'EUR',
      defaultLanguage: isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE,
      timezone: browserTimeZone(),
      businessType: 'retail',
    },
  });
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = form;

  function handleCreate({ slug, ...details }: NewWorkspaceForm) {
    createWorkspace.mutate(slug ? { ...details, slug } : details, {
      onSuccess: (workspace) => void navigate(workspaceSectionPath(workspace.id)),
      onError: (error) => applyServerFieldErrors(error, setError, FIELDS),
    });
  }

  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-6">
      <PageHeader
        title={first ? t('workspace.create.titleFirst') : t('workspace.create.title')}
        description={t('workspace.create.description')}
      />
      <Card>
        <CardContent className="py-6">
          <FormProvider {...form}>
            <form noValidate onSubmit={handleSubmit(handleCreate)} className="flex flex-col gap-4">
              {createWorkspace.isError && (
                <ProblemAlert error={createWorkspace.error} message={t('workspace.create.failed')} />
              )}
              <WorkspaceDetailsFields />
              <Field
                label={t('workspace.fields.slug')}
                hint={t('workspace.fields.slugHint')}
                error={fieldError(errors.slug?.message)}
              >
                {(control) => <Input {...control} autoCapitalize="none" spellCheck={false} {...register('slug')} />}
              </Field>
              <div className="flex justify-end">
                <Button type="submit" disabled={createWorkspace.isPending}>
                  {createWorkspace.isPending ? t('workspace.create.submitting') : t('workspace.create.submit')}
                </Button>
              </div>
            </form>
          </FormProvider>
        </CardContent>
      </Card>
    </div>
  );
}
