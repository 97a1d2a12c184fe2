import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { useCreateCategory, useUpdateCategory, type Category, type CategoryInput } from '../api/categories';
import { categoryOptions, subtreeIds } from '../categoryTree';

const categorySchema = z.object({
  name: z.string().trim().min(1, validation('required')).max(120, validation('tooLong')),
  description: z.string().trim().max(2000, validation('tooLong')),
  parentId: z.string(),
  active: z.boolean(),
});

type CategoryFormValues = z.infer<typeof categorySchema>;

const FIELDS = ['name', 'description', 'parentId', 'active'] as const;

/** After the last of its new siblings. */
function nextDisplayOrder(categories: readonly Category[], parentId: string | null, except?: string): number {
  const siblings = categories.filter((category) => category.parentId === parentId && category.id !== except);
  return siblings.reduce((max, category) => Math.max(max, category.displayOrder), 0) + 1;
}

type CategoryFormProps = {
  workspaceId: string;
  categories: readonly Category[];
  /** The category being edited; none to create one. */
  category?: Category;
  /** Leaves edit mode. */
  onDone: () => void;
};

/** Creates a category, or edits one; a category cannot move under itself or its sub-categories. */
export function CategoryForm({ workspaceId, categories, category, onDone }: CategoryFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const fieldError = useFieldErrorText();
  const create = useCreateCategory(workspaceId);
  const update = useUpdateCategory(workspaceId);
  const mutation = category ? update : create;
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<CategoryFormValues>({
    resolver: zodResolver(categorySchema),
    defaultValues: {
      name: category?.name ?? '',
      description: category?.description ?? '',
      parentId: category?.parentId ?? '',
      active: category?.active ?? true,
    },
  });
  const excluded = category ? subtreeIds(categories, category.id) : new Set<string>();

  function handleSave(values: CategoryFormValues) {
    const parentId = values.parentId || null;
    const onError = (error: unknown) => applyServerFieldErrors(error, setError, FIELDS);
    if (category) {
      const changes: Partial<CategoryInput> = { name: values.name, description: values.description, parentId, active: values.active };
      if (parentId !== category.parentId) changes.displayOrder = nextDisplayOrder(categories, parentId, category.id);
      update.mutate({ id: category.id, changes }, { onSuccess: onDone, onError });
    } else {
      const input: CategoryInput = { ...values, parentId, displayOrder: nextDisplayOrder(categories, parentId) };
      create.mutate(input, {
        onSuccess: () => reset({ name: '', description: '', parentId: values.parentId, active: true }),
        onError,
      });
    }
  }

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>
          {category ? t('categories.form.editTitle', { name: category.name }) : t('categories.form.newTitle')}
        </CardTitle>
      </CardHeader>
      <CardContent>
        <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-4">
          {mutation.isError && <ProblemAlert error={mutation.error} message={t('categories.form.failed')} />}
          {!category && create.isSuccess && (
            <Alert tone="success">{t('categories.form.created', { name: create.data.name })}</Alert>
          )}
          <Field label={t('categories.fields.name')} error={fieldError(errors.name?.message)}>
            {(field) => <Input {...field} {...register('name')} />}
          </Field>
          <Field label={t('categories.fields.parent')} error={fieldError(errors.parentId?.message)}>
            {(field) => (
              <Select {...field} {...register('parentId')}>
                <option value="">{t('categories.form.topLevel')}</option>
                {categoryOptions(categories, excluded).map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </Select>
            )}
          </Field>
          <Field label={t('categories.fields.description')} error={fieldError(errors.description?.message)}>
            {(field) => <Textarea {...field} rows={3} {...register('description')} />}
          </Field>
          <Checkbox label={t('categories.fields.active')} {...register('active')} />
          <div className="flex flex-wrap justify-end gap-2">
            {category && (
              <Button variant="secondary" onClick={onDone}>
                {t('common.cancel')}
              </Button>
            )}
            <Button type="submit" disabled={mutation.isPending}>
              {mutation.isPending ? t('common.saving') : category ? t('categories.form.save') : t('categories.form.create')}
            </Button>
          </div>
        </form>
      </CardContent>
    </Card>
  );
}
