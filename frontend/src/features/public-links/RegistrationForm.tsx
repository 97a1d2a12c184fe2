import { zodResolver } from '@hookform/resolvers/zod';
import type { ParseKeys } from 'i18next';
import { useId, useMemo, useState } from 'react';
import { get, useForm, type FieldErrors, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors, validation } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { DEFAULT_LANGUAGE, LANGUAGES, matchLanguage } from '@/i18n/languages';
import { isApiError } from '@/lib/api';
import { unavailableReason, useSubmitRegistration, type PublicLink } from './api';
import { LinkUnavailable, PublicCard } from './components';
import { countryOptions, defaultCountry } from './countries';
import { useRateLimitText } from './rateLimit';

const CONSENT_REQUIRED = 'publicLinks.registration.consentRequired';

/** The server's rules (see `POST /api/public/links/{token}/registration`), checked before sending. */
const registrationSchema = z.object({
  name: z.string().trim().min(1, validation('required')).max(100, validation('tooLong')),
  email: z
    .string()
    .trim()
    .min(1, validation('required'))
    .max(254, validation('tooLong'))
    .pipe(z.email(validation('email'))),
  language: z.enum(['en', 'it', 'es', 'pt'], validation('required')),
  gdprConsent: z.boolean().refine((accepted) => accepted, { error: CONSENT_REQUIRED }),
  pushOptIn: z.boolean(),
  shippingAddress: z.object({
    line1: z.string().trim().min(1, validation('required')).max(200, validation('tooLong')),
    city: z.string().trim().min(1, validation('required')).max(100, validation('tooLong')),
    postalCode: z.string().trim().min(1, validation('required')).max(20, validation('tooLong')),
    country: z.string().regex(/^[A-Z]{2}$/, validation('required')),
  }),
});

type RegistrationValues = z.infer<typeof registrationSchema>;

/**
 * The form's fields in page order, named like the JSON fields of a 422 answer. The first one in
 * error takes the focus.
 */
const FIELDS: readonly Path<RegistrationValues>[] = [
  'name',
  'email',
  'language',
  'shippingAddress.line1',
  'shippingAddress.city',
  'shippingAddress.postalCode',
  'shippingAddress.country',
  'gdprConsent',
];

/** Touch-sized controls in 16px type on phones (smaller type makes mobile browsers zoom in). */
const CONTROL = 'h-11 text-base sm:h-9 sm:text-sm';

/** "1 December 2026 at 11:00", without seconds. */
function formatExpiry(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** Our messages are translation keys; the server's are shown as sent. */
function useErrorText(): (message: string | undefined) => string | undefined {
  const { t, i18n } = useTranslation();
  return (message) => {
    if (!message) return undefined;
    const isKey = (message.startsWith('validation.') || message.startsWith('publicLinks.')) && i18n.exists(message);
    return isKey ? t(message as ParseKeys) : message;
  };
}

function RegistrationDone({ name, shop }: { name: string; shop: string }) {
  const { t } = useTranslation();
  return (
    <PublicCard title={t('publicLinks.done.title')} eyebrow={shop} focusTitle>
      <div role="status" className="flex flex-col gap-3 text-sm text-slate-700">
        <p className="text-base text-slate-900">{t('publicLinks.done.description', { name, shop })}</p>
        <p>{t('publicLinks.done.close')}</p>
      </div>
    </PublicCard>
  );
}

type RegistrationFormProps = {
  token: string;
  link: PublicLink;
};

/** A customer completes their profile: contact, shipping address, privacy consent. */
export function RegistrationForm({ token, link }: RegistrationFormProps) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const rateLimitText = useRateLimitText();
  const submit = useSubmitRegistration(token);
  const [placedOnFields, setPlacedOnFields] = useState(false);
  const [registeredName, setRegisteredName] = useState('');
  const privacyId = useId();
  const consentErrorId = useId();

  const shop = link.workspace.name;
  const uiLanguage = i18n.resolvedLanguage ?? DEFAULT_LANGUAGE;
  const countries = useMemo(() => countryOptions(uiLanguage), [uiLanguage]);
  const privacyText = link.privacy?.text.trim() ?? '';
  const privacyVersion = link.privacy?.version ?? '';

  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors },
  } = useForm<RegistrationValues>({
    resolver: zodResolver(registrationSchema),
    shouldFocusError: false,
    defaultValues: {
      name: link.customer?.name ?? '',
      email: '',
      language: matchLanguage(link.customer?.language) ?? matchLanguage(uiLanguage) ?? DEFAULT_LANGUAGE,
      gdprConsent: false,
      pushOptIn: false,
      shippingAddress: {
        line1: '',
        city: '',
        postalCode: '',
        country: defaultCountry(link.workspace.defaultLanguage),
      },
    },
  });

  function handleRegister(values: RegistrationValues) {
    setPlacedOnFields(false);
    submit.mutate(values, {
      onSuccess: () => setRegisteredName(values.name),
      onError: (error) => {
        if (unavailableReason(error)) return;
        const serverErrors = isApiError(error) ? (error.problem.errors ?? []) : [];
        const placed = applyServerFieldErrors(error, setError, FIELDS);
        setPlacedOnFields(placed);
        if (placed) focusFirst((field) => serverErrors.some((fieldError) => fieldError.field === field));
      },
    });
  }

  function focusFirst(inError: (field: Path<RegistrationValues>) => boolean) {
    const first = FIELDS.find(inError);
    if (first) setFocus(first);
  }

  function handleInvalid(invalid: FieldErrors<RegistrationValues>) {
    focusFirst((field) => get(invalid, field) !== undefined);
  }

  if (submit.isSuccess) return <RegistrationDone name={registeredName} shop={shop} />;
  const gone = submit.isError ? unavailableReason(submit.error) : undefined;
  if (gone) return <LinkUnavailable reason={gone} focusTitle />;

  const consentError = errorText(errors.gdprConsent?.message);
  const rateLimited = submit.isError ? rateLimitText(submit.error) : undefined;
  const address = errors.shippingAddress;

  return (
    <PublicCard title={shop}>
      <div className="-mt-3 flex flex-col gap-1 text-sm text-slate-600">
        <h2 className="text-base font-semibold text-slate-900">{t('publicLinks.registration.heading')}</h2>
        <p>{t('publicLinks.registration.intro')}</p>
        <p className="text-xs text-slate-500">
          {t('publicLinks.registration.expires', { date: formatExpiry(link.expiresAt, uiLanguage) })}
        </p>
      </div>

      <form noValidate onSubmit={handleSubmit(handleRegister, handleInvalid)} className="flex flex-col gap-6">
        {submit.isError &&
          (rateLimited ? (
            <Alert>{rateLimited}</Alert>
          ) : placedOnFields ? (
            <Alert>{t('publicLinks.registration.fixErrors')}</Alert>
          ) : (
            <ProblemAlert error={submit.error} message={t('publicLinks.registration.failed')} />
          ))}

        <fieldset className="flex flex-col gap-4">
          <legend className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">
            {t('publicLinks.registration.aboutYou')}
          </legend>
          <Field label={t('publicLinks.registration.name')} error={errorText(errors.name?.message)}>
            {(control) => <Input {...control} className={CONTROL} autoComplete="name" {...register('name')} />}
          </Field>
          <Field label={t('publicLinks.registration.email')} error={errorText(errors.email?.message)}>
            {(control) => (
              <Input {...control} className={CONTROL} type="email" inputMode="email" autoComplete="email" {...register('email')} />
            )}
          </Field>
          <Field
            label={t('publicLinks.registration.language')}
            hint={t('publicLinks.registration.languageHint')}
            error={errorText(errors.language?.message)}
          >
            {(control) => (
              <Select {...control} className={CONTROL} {...register('language')}>
                {LANGUAGES.map((language) => (
                  <option key={language.code} value={language.code} lang={language.code}>
                    {language.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </fieldset>

        <fieldset className="flex flex-col gap-4">
          <legend className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">
            {t('publicLinks.registration.address')}
          </legend>
          <Field label={t('publicLinks.registration.line1')} error={errorText(address?.line1?.message)}>
            {(control) => <Input {...control} className={CONTROL} autoComplete="address-line1" {...register('shippingAddress.line1')} />}
          </Field>
          <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
            <Field label={t('publicLinks.registration.city')} error={errorText(address?.city?.message)}>
              {(control) => <Input {...control} className={CONTROL} autoComplete="address-level2" {...register('shippingAddress.city')} />}
            </Field>
            <Field label={t('publicLinks.registration.postalCode')} error={errorText(address?.postalCode?.message)}>
              {(control) => (
                <Input {...control} className={CONTROL} autoComplete="postal-code" {...register('shippingAddress.postalCode')} />
              )}
            </Field>
          </div>
          <Field label={t('publicLinks.registration.country')} error={errorText(address?.country?.message)}>
            {(control) => (
              <Select {...control} className={CONTROL} autoComplete="country" {...register('shippingAddress.country')}>
                <option value="">{t('publicLinks.registration.chooseCountry')}</option>
                {countries.map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.name}
                  </option>
                ))}
              </Select>
            )}
          </Field>
        </fieldset>

        <fieldset className="flex flex-col gap-3">
          <legend className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">
            {t('publicLinks.registration.privacy')}
          </legend>
          {privacyText && (
            <div
              id={privacyId}
              role="region"
              aria-label={t('publicLinks.registration.privacyNotice')}
              tabIndex={0}
              className="max-h-48 overflow-y-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm whitespace-pre-line text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {privacyText}
            </div>
          )}
          {privacyVersion && (
            <p className="text-xs text-slate-500">
              {t('publicLinks.registration.privacyVersion', { version: privacyVersion })}
            </p>
          )}
          <div className="flex flex-col gap-1">
            <Checkbox
              className="items-start [&>input]:mt-0.5"
              label={t('publicLinks.registration.consent')}
              aria-invalid={Boolean(consentError)}
              aria-describedby={
                [privacyText ? privacyId : null, consentError ? consentErrorId : null].filter(Boolean).join(' ') ||
                undefined
              }
              {...register('gdprConsent')}
            />
            {consentError && (
              <p id={consentErrorId} className="text-xs font-medium text-red-700">
                {consentError}
              </p>
            )}
          </div>
          <Checkbox
            className="items-start [&>input]:mt-0.5"
            label={t('publicLinks.registration.pushOptIn')}
            {...register('pushOptIn')}
          />
        </fieldset>

        <Button type="submit" disabled={submit.isPending} className="h-11 w-full text-base">
          {submit.isPending ? t('publicLinks.registration.submitting') : t('publicLinks.registration.submit')}
        </Button>
      </form>
    </PublicCard>
  );
}
