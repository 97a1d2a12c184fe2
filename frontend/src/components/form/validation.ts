import { useTranslation } from 'react-i18next';
import type { FieldValues, Path, UseFormReset, UseFormSetError } from 'react-hook-form';
import type { en } from '@/i18n/locales/en';
import { isApiError } from '@/lib/api';

/** Messages of zod schemas are these keys, translated when shown. */
export type ValidationKey = `validation.${keyof typeof en.validation}`;

export const PASSWORD_MIN_LENGTH = 10;

export function validation(key: keyof typeof en.validation): { error: ValidationKey } {
  return { error: `validation.${key}` };
}

/** Translates a field error: our validation keys become text, server messages are shown as sent. */
export function useFieldErrorText(): (message: string | undefined) => string | undefined {
  const { t, i18n } = useTranslation();
  return (message) => {
    if (!message) return undefined;
    return message.startsWith('validation.') && i18n.exists(message) ? t(message as ValidationKey) : message;
  };
}

/**
 * Puts the field errors of a 422 problem (`errors: [{ field, message }]`) on the matching form
 * fields. `fields` lists the form fields named like the JSON fields, or maps a JSON field name
 * (`attributes.color`, `lines[0].productId`) to a form field (undefined: no such field). Returns
 * true when at least one was placed; the caller shows the rest as a form error.
 */
export function applyServerFieldErrors<T extends FieldValues>(
  error: unknown,
  setError: UseFormSetError<T>,
  fields: readonly Path<T>[] | ((field: string) => Path<T> | undefined),
): boolean {
  if (!isApiError(error)) return false;
  const fieldOf = typeof fields === 'function' ? fields : (name: string) => fields.find((field) => field === name);
  let placed = false;
  for (const fieldError of error.problem.errors ?? []) {
    const field = fieldOf(fieldError.field);
    if (field) {
      setError(field, { type: 'server', message: fieldError.message }, { shouldFocus: !placed });
      placed = true;
    }
  }
  return placed;
}

/**
 * What a settings form does with the answer to a save: the saved values become the form's new
 * starting point (so it is no longer dirty), and a 422's field errors go onto the fields.
 */
export function settingsSaveCallbacks<TValues extends FieldValues, TSaved>(
  form: { reset: UseFormReset<TValues>; setError: UseFormSetError<TValues> },
  toForm: (saved: TSaved) => TValues,
  fields: readonly Path<TValues>[] | ((field: string) => Path<TValues> | undefined),
) {
  return {
    onSuccess: (saved: TSaved) => form.reset(toForm(saved)),
    onError: (error: unknown) => applyServerFieldErrors(error, form.setError, fields),
  };
}
