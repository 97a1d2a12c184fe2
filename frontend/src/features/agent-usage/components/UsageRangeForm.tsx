import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { applyServerFieldErrors, useFieldErrorText, validation } from '@/components/form/validation';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { dayNumber } from '@/lib/format';
import type { UsageRange } from '../api/usage';

/** The longest period the server reports on, both ends included. */
export const MAX_RANGE_DAYS = 366;

const day = z
  .string()
  .trim()
  .min(1, validation('required'))
  .refine((text) => dayNumber(text) !== undefined, validation('date'));

const rangeSchema = z
  .object({ from: day, to: day })
  .superRefine(({ from, to }, ctx) => {
    const start = dayNumber(from);
    const end = dayNumber(to);
    if (start === undefined || end === undefined) return;
    if (end < start) ctx.addIssue({ code: 'custom', message: 'validation.dateRangeOrder', path: ['to'] });
    else if (end - start + 1 > MAX_RANGE_DAYS) ctx.addIssue({ code: 'custom', message: 'validation.dateRangeTooLong', path: ['to'] });
  });

type RangeValues = z.infer<typeof rangeSchema>;

const FIELDS: readonly Path<RangeValues>[] = ['from', 'to'];

type UsageRangeFormProps = {
  /** The period shown now. */
  range: UsageRange;
  onChange: (range: UsageRange) => void;
  /** The server's refusal of the last period asked for, placed on the fields it names. */
  error: unknown;
  pending: boolean;
};

/** The first and last day of the period to report on. */
export function UsageRangeForm({ range, onChange, error, pending }: UsageRangeFormProps) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<RangeValues>({ resolver: zodResolver(rangeSchema), defaultValues: range });

  // A period the server refused (422) shows at the fields.
  useEffect(() => {
    if (error) applyServerFieldErrors(error, setError, FIELDS);
  }, [error, setError]);

  return (
    <form
      noValidate
      onSubmit={handleSubmit(onChange)}
      aria-label={t('agentUsage.range.label')}
      className="flex flex-wrap items-start gap-4"
    >
      <Field label={t('agentUsage.range.from')} error={fieldError(errors.from?.message)} className="w-44">
        {(control) => <Input {...control} type="date" {...register('from')} />}
      </Field>
      <Field label={t('agentUsage.range.to')} error={fieldError(errors.to?.message)} className="w-44">
        {(control) => <Input {...control} type="date" {...register('to')} />}
      </Field>
      <Button type="submit" variant="secondary" className="sm:mt-6.5" disabled={pending}>
        {t('agentUsage.range.show')}
      </Button>
    </form>
  );
}
