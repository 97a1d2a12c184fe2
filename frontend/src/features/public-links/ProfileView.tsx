import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState, type ReactNode } from 'react';
import { FormProvider, useForm, useWatch, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { applyServerFieldErrors } from '@/components/form/validation';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import { DEFAULT_LANGUAGE, matchLanguage } from '@/i18n/languages';
import {
  unavailableReason,
  useEraseData,
  useExportData,
  useUpdateProfile,
  type PrivacyNoticeText,
  type ProfileChanges,
  type ProfileLink,
  type PublicCustomer,
} from './api';
import { LinkUnavailable, PublicCard } from './components';
import { defaultCountry } from './countries';
import { AddressFields, ContactFields } from './CustomerFields';
import { ADDRESS_FIELDS, addressSchema, CONTACT_FIELDS, contactSchema } from './customerSchema';
import { usePublicErrorText } from './errorText';
import { formatLongDateTime } from './format';
import { useRateLimitText } from './rateLimit';

export const EXPORT_FILENAME = 'my-data.json';

const looseAddress = z.object({ line1: z.string(), city: z.string(), postalCode: z.string(), country: z.string() });

const profileSchema = z
  .object({
    ...contactSchema,
    shippingAddress: addressSchema,
    /** Invoices to another address than the shipping one. */
    billingDifferent: z.boolean(),
    /** Checked only when `billingDifferent`. */
    billingAddress: looseAddress,
    pushOptIn: z.boolean(),
    /** Consent to the current privacy notice. */
    gdprConsent: z.boolean(),
  })
  .superRefine((values, ctx) => {
    if (!values.billingDifferent) return;
    const checked = addressSchema.safeParse(values.billingAddress);
    if (checked.success) return;
    for (const issue of checked.error.issues) {
      ctx.addIssue({ code: 'custom', message: issue.message, path: ['billingAddress', ...issue.path] });
    }
  });

type ProfileValues = z.infer<typeof profileSchema>;

const BILLING_FIELDS = ADDRESS_FIELDS.map((field) => field.replace('shippingAddress.', 'billingAddress.')) as Path<ProfileValues>[];

const FIELDS: readonly Path<ProfileValues>[] = [
  ...CONTACT_FIELDS,
  ...ADDRESS_FIELDS,
  ...BILLING_FIELDS,
  'pushOptIn',
  'gdprConsent',
];

const erasureSchema = z.object({
  confirm: z.boolean().refine((confirmed) => confirmed, { error: 'publicLinks.profile.erase.confirmRequired' }),
});

type ErasureValues = z.infer<typeof erasureSchema>;

/** Whether the customer accepted the notice as it is now (not an older version). */
function consentsToCurrent(customer: PublicCustomer, privacy: PrivacyNoticeText): boolean {
  return customer.gdprConsent.given && customer.gdprConsent.version === privacy.version;
}

function toForm(link: ProfileLink, customer: PublicCustomer, pageLanguage: string): ProfileValues {
  return {
    name: customer.name,
    email: customer.email ?? '',
    language: matchLanguage(customer.language) ?? matchLanguage(pageLanguage) ?? DEFAULT_LANGUAGE,
    shippingAddress: customer.shippingAddress ?? {
      line1: '',
      city: '',
      postalCode: '',
      country: defaultCountry(link.workspace.defaultLanguage),
    },
    billingDifferent: Boolean(customer.billingAddress),
    billingAddress: customer.billingAddress ?? {
      line1: '',
      city: '',
      postalCode: '',
      country: defaultCountry(link.workspace.defaultLanguage),
    },
    pushOptIn: customer.pushOptIn,
    gdprConsent: consentsToCurrent(customer, link.privacy),
  };
}

/** The consent is sent only when the customer changed it: true accepts the current notice, false withdraws. */
function toChanges(
  { gdprConsent, billingDifferent, billingAddress, ...values }: ProfileValues,
  consented: boolean,
): ProfileChanges {
  return {
    ...values,
    billingAddress: billingDifferent ? billingAddress : null,
    ...(gdprConsent !== consented ? { gdprConsent } : {}),
  };
}

/** Offers `data` to the browser as a JSON file to save. */
function saveJson(data: unknown, filename: string) {
  const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' }));
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = filename;
  document.body.append(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

function Section({ title, children }: { title: string; children: ReactNode }) {
  const titleId = useId();
  return (
    <section aria-labelledby={titleId} className="flex flex-col gap-3 border-t border-slate-200 pt-5">
      <h2 id={titleId} className="text-base font-semibold text-slate-900">
        {title}
      </h2>
      {children}
    </section>
  );
}

function ConsentStatus({ customer }: { customer: PublicCustomer }) {
  const { t, i18n } = useTranslation();
  const { gdprConsent } = customer;
  const version = gdprConsent.version ?? '—';
  return (
    <p className="text-sm text-slate-800">
      {!gdprConsent.given
        ? t('publicLinks.profile.consent.notGiven')
        : gdprConsent.at
          ? t('publicLinks.profile.consent.givenOn', {
              version,
              date: formatLongDateTime(gdprConsent.at, i18n.resolvedLanguage ?? 'en'),
            })
          : t('publicLinks.profile.consent.given', { version })}
    </p>
  );
}

function ProfileForm({ link, update }: { link: ProfileLink; update: ReturnType<typeof useUpdateProfile> }) {
  const { t, i18n } = useTranslation();
  const rateLimitText = useRateLimitText();
  const noticeId = useId();
  const [placedOnFields, setPlacedOnFields] = useState(false);
  const pageLanguage = i18n.resolvedLanguage ?? DEFAULT_LANGUAGE;
  const { customer, privacy } = link;
  const consented = consentsToCurrent(customer, privacy);
  const form = useForm<ProfileValues>({
    resolver: zodResolver(profileSchema),
    defaultValues: toForm(link, customer, pageLanguage),
  });
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { isDirty },
  } = form;
  const consent = useWatch({ control, name: 'gdprConsent' });
  const billingDifferent = useWatch({ control, name: 'billingDifferent' });
  const notice = privacy.text.trim();

  function handleSave(values: ProfileValues) {
    setPlacedOnFields(false);
    update.mutate(toChanges(values, consented), {
      onSuccess: (saved) => reset(toForm(link, saved.customer, pageLanguage)),
      onError: (error) => setPlacedOnFields(applyServerFieldErrors(error, setError, FIELDS)),
    });
  }

  const rateLimited = update.isError ? rateLimitText(update.error) : undefined;

  return (
    <FormProvider {...form}>
      <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-6">
        {update.isError &&
          (rateLimited ? (
            <Alert>{rateLimited}</Alert>
          ) : placedOnFields ? (
            <Alert>{t('publicLinks.registration.fixErrors')}</Alert>
          ) : (
            <ProblemAlert error={update.error} message={t('publicLinks.profile.failed')} />
          ))}
        {update.isSuccess && !isDirty && <Alert tone="success">{t('publicLinks.profile.saved')}</Alert>}
        <ContactFields />
        <AddressFields />
        <Checkbox label={t('publicLinks.profile.billingDifferent')} {...register('billingDifferent')} />
        {billingDifferent && <AddressFields name="billingAddress" legend={t('publicLinks.profile.billingAddress')} />}
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">
            {t('publicLinks.registration.privacy')}
          </legend>
          <ConsentStatus customer={customer} />
          {notice && (
            <div
              id={noticeId}
              role="region"
              aria-label={t('publicLinks.registration.privacyNotice')}
              tabIndex={0}
              className="max-h-48 overflow-y-auto rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm whitespace-pre-line text-slate-700 focus-visible:outline-2 focus-visible:outline-brand-600"
            >
              {notice}
            </div>
          )}
          <p className="text-xs text-slate-500">{t('publicLinks.registration.privacyVersion', { version: privacy.version })}</p>
          <Checkbox
            className="items-start [&>input]:mt-0.5"
            label={t('publicLinks.registration.consent')}
            aria-describedby={notice ? noticeId : undefined}
            {...register('gdprConsent')}
          />
          {consented && !consent && <p className="text-xs text-amber-800">{t('publicLinks.profile.consent.withdrawing')}</p>}
          {!consented && customer.gdprConsent.given && (
            <p className="text-xs text-slate-600">{t('publicLinks.profile.consent.newVersion', { version: privacy.version })}</p>
          )}
          <Checkbox
            className="items-start [&>input]:mt-0.5"
            label={t('publicLinks.registration.pushOptIn')}
            {...register('pushOptIn')}
          />
        </fieldset>
        <Button type="submit" disabled={update.isPending} className="h-11 w-full text-base">
          {update.isPending ? t('common.saving') : t('publicLinks.profile.save')}
        </Button>
      </form>
    </FormProvider>
  );
}

function ExportSection({ exportData }: { exportData: ReturnType<typeof useExportData> }) {
  const { t } = useTranslation();

  function handleExport() {
    exportData.mutate(undefined, { onSuccess: (data) => saveJson(data, EXPORT_FILENAME) });
  }

  return (
    <Section title={t('publicLinks.profile.export.title')}>
      <p className="text-sm text-slate-700">{t('publicLinks.profile.export.description')}</p>
      {exportData.isError && <ProblemAlert error={exportData.error} message={t('publicLinks.profile.export.failed')} />}
      {exportData.isSuccess && (
        <Alert tone="success">{t('publicLinks.profile.export.done', { filename: EXPORT_FILENAME })}</Alert>
      )}
      <Button variant="secondary" className="h-11 w-full text-base sm:h-9 sm:w-auto sm:self-start sm:text-sm" onClick={handleExport} disabled={exportData.isPending}>
        {exportData.isPending ? t('publicLinks.profile.export.preparing') : t('publicLinks.profile.export.button')}
      </Button>
    </Section>
  );
}

function ErasureSection({ erase }: { erase: ReturnType<typeof useEraseData> }) {
  const { t } = useTranslation();
  const errorText = usePublicErrorText();
  const errorId = useId();
  const {
    register,
    handleSubmit,
    formState: { errors },
  } = useForm<ErasureValues>({ resolver: zodResolver(erasureSchema), defaultValues: { confirm: false } });
  const confirmError = errorText(errors.confirm?.message);

  return (
    <Section title={t('publicLinks.profile.erase.title')}>
      <p className="text-sm text-slate-700">{t('publicLinks.profile.erase.description')}</p>
      <form noValidate onSubmit={handleSubmit(() => erase.mutate())} className="flex flex-col gap-3">
        {erase.isError && <ProblemAlert error={erase.error} message={t('publicLinks.profile.erase.failed')} />}
        <div className="flex flex-col gap-1">
          <Checkbox
            className="items-start [&>input]:mt-0.5"
            label={t('publicLinks.profile.erase.confirm')}
            aria-invalid={Boolean(confirmError)}
            aria-describedby={confirmError ? errorId : undefined}
            {...register('confirm')}
          />
          {confirmError && (
            <p id={errorId} className="text-xs font-medium text-red-700">
              {confirmError}
            </p>
          )}
        </div>
        <Button type="submit" variant="danger" className="h-11 w-full text-base sm:h-9 sm:w-auto sm:self-start sm:text-sm" disabled={erase.isPending}>
          {erase.isPending ? t('publicLinks.profile.erase.deleting') : t('publicLinks.profile.erase.button')}
        </Button>
      </form>
    </Section>
  );
}

/** A profile link: the customer's details to change, their consent, a copy of their data, and its deletion. */
export function ProfileView({ token, link }: { token: string; link: ProfileLink }) {
  const { t } = useTranslation();
  const update = useUpdateProfile(token);
  const exportData = useExportData(token);
  const erase = useEraseData(token);
  const shop = link.workspace.name;

  if (erase.isSuccess) {
    return (
      <PublicCard title={t('publicLinks.profile.erased.title')} eyebrow={shop} focusTitle>
        <div role="status" className="flex flex-col gap-3 text-sm text-slate-700">
          <p className="text-base text-slate-900">{t('publicLinks.profile.erased.description', { shop })}</p>
          <p>{t('publicLinks.done.close')}</p>
        </div>
      </PublicCard>
    );
  }
  // The link expired (or was replaced) while the page was open.
  const gone = [update.error, exportData.error, erase.error].map(unavailableReason).find(Boolean);
  if (gone) return <LinkUnavailable reason={gone} focusTitle />;

  return (
    <PublicCard title={t('publicLinks.profile.title')} eyebrow={shop}>
      <p className="-mt-3 text-sm text-slate-600">{t('publicLinks.profile.intro')}</p>
      <ProfileForm link={link} update={update} />
      <ExportSection exportData={exportData} />
      <ErasureSection erase={erase} />
    </PublicCard>
  );
}
