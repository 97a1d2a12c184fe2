import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { FormProvider, get, useForm, type FieldErrors, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { DEFAULT_LANGUAGE, matchLanguage } from '@/i18n/languages';
import { isApiError } from '@/lib/api';
import { unavailableReason, useSubmitRegistration, type RegistrationLink } from './api';
import { LinkUnavailable, PublicCard } from './components';
import { defaultCountry } from './countries';
import { AddressFields, ContactFields } from './CustomerFields';
import { ADDRESS_FIELDS, addressSchema, CONTACT_FIELDS, contactSchema } from './customerSchema';
import { usePublicErrorText } from './errorText';
import { formatLongDateTime } from './format';
import { useRateLimitText } from './rateLimit';

const CONSENT_REQUIRED = 'publicLinks.registration.consentRequired';

/** The server's rules (see `POST /api/public/links/{token}/registration`), checked before sending. */
const registrationSchema = z.object({
  ...contactSchema,
  gdprConsent: z.boolean().refine((accepted) => accepted, { error: CONSENT_REQUIRED }),
  pushOptIn: z.boolean(),
  shippingAddress: addressSchema,
});

type RegistrationValues = z.infer<typeof registrationSchema>;

/**
 * The form's fields in page order, named like the JSON fields of a 422 answer. The first one in
 * error takes the focus.
 */
const FIELDS: readonly Path<RegistrationValues>[] = [...CONTACT_FIELDS, ...ADDRESS_FIELDS, 'gdprConsent'];

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
  link: RegistrationLink;
};

/** A customer completes their profile: contact, shipping address, privacy consent. */
export function RegistrationForm({ token, link }: RegistrationFormProps) {
  const { t, i18n } = useTranslation();
  const errorText = usePublicErrorText();
  const rateLimitText = useRateLimitText();
  const submit = useSubmitRegistration(token);
  const [placedOnFields, setPlacedOnFields] = useState(false);
  const [registeredName, setRegisteredName] = useState('');
  const privacyId = useId();
  const consentErrorId = useId();

  const shop = link.workspace.name;
  const uiLanguage = i18n.resolvedLanguage ?? DEFAULT_LANGUAGE;
  const privacyText = link.privacy?.text.trim() ?? '';
  const privacyVersion = link.privacy?.version ?? '';

  const form = useForm<RegistrationValues>({
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
  const {
    register,
    handleSubmit,
    setError,
    setFocus,
    formState: { errors },
  } = form;

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

  return (
    <PublicCard title={shop}>
      <div className="-mt-3 flex flex-col gap-1 text-sm text-slate-600">
        <h2 className="text-base font-semibold text-slate-900">{t('publicLinks.registration.heading')}</h2>
        <p>{t('publicLinks.registration.intro')}</p>
        <p className="text-xs text-slate-500">
          {t('publicLinks.registration.expires', { date: formatLongDateTime(link.expiresAt, uiLanguage) })}
        </p>
      </div>

      <FormProvider {...form}>
      <form noValidate onSubmit={handleSubmit(handleRegister, handleInvalid)} className="flex flex-col gap-6">
        {submit.isError &&
          (rateLimited ? (
            <Alert>{rateLimited}</Alert>
          ) : placedOnFields ? (
            <Alert>{t('publicLinks.registration.fixErrors')}</Alert>
          ) : (
            <ProblemAlert error={submit.error} message={t('publicLinks.registration.failed')} />
          ))}

        <ContactFields />
        <AddressFields />

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
      </FormProvider>
    </PublicCard>
  );
}
