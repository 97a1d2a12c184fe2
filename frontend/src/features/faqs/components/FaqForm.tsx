import { zodResolver } from '@hookform/resolvers/zod';
import { useId, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Textarea } from '@/components/ui/textarea';
import { LANGUAGES, type Language } from '@/i18n/languages';
import type { Faq, FaqInput } from '../api/faqs';

const languageCodes = LANGUAGES.map((language) => language.code) as [Language, ...Language[]];

const faqSchema = z.object({
  question: z.string().trim().min(1, validation('required')).max(500, validation('tooLong')),
  answer: z.string().trim().min(1, validation('required')).max(5000, validation('tooLong')),
  language: z.enum(languageCodes),
  active: z.boolean(),
});

type FaqFormValues = z.infer<typeof faqSchema>;

const FIELDS = ['question', 'answer', 'language', 'active'] as const;

type FaqFormProps = {
  faq?: Faq;
  defaultLanguage: Language;
  readOnly: boolean;
  onSubmit: (values: FaqInput) => Promise<unknown>;
  saving: boolean;
  error: unknown;
  submitLabel: string;
  extraActions?: ReactNode;
};

export function FaqForm({ faq, defaultLanguage, readOnly, onSubmit, saving, error, submitLabel, extraActions }: FaqFormProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const fieldError = useFieldErrorText();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<FaqFormValues>({
    resolver: zodResolver(faqSchema),
    defaultValues: {
      question: faq?.question ?? '',
      answer: faq?.answer ?? '',
      language: faq?.language ?? defaultLanguage,
      active: faq?.active ?? true,
    },
  });

  function handleSave(values: FaqFormValues) {
    onSubmit(values).catch((saveError: unknown) => applyServerFieldErrors(saveError, setError, FIELDS));
  }

  return (
    <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-6">
      {Boolean(error) && <ProblemAlert error={error} message={t('faqs.form.failed')} />}
      <Card aria-labelledby={titleId}>
        <CardHeader>
          <CardTitle id={titleId}>{t('faqs.form.details')}</CardTitle>
        </CardHeader>
        <CardContent>
          <fieldset disabled={readOnly} className="flex min-w-0 flex-col gap-4">
            <Field label={t('faqs.fields.question')} error={fieldError(errors.question?.message)}>
              {(field) => <Input {...field} {...register('question')} />}
            </Field>
            <Field label={t('faqs.fields.answer')} error={fieldError(errors.answer?.message)}>
              {(field) => <Textarea {...field} rows={6} {...register('answer')} />}
            </Field>
            <Field label={t('faqs.fields.language')} error={fieldError(errors.language?.message)} className="sm:max-w-xs">
              {(field) => (
                <Select {...field} {...register('language')}>
                  {LANGUAGES.map((language) => (
                    <option key={language.code} value={language.code}>
                      {t(`workspace.languages.${language.code}`)}
                    </option>
                  ))}
                </Select>
              )}
            </Field>
            <Checkbox label={t('faqs.form.activeLabel')} {...register('active')} />
          </fieldset>
        </CardContent>
      </Card>
      {!readOnly && (
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>{extraActions}</div>
          <Button type="submit" disabled={saving}>
            {saving ? t('common.saving') : submitLabel}
          </Button>
        </div>
      )}
    </form>
  );
}
