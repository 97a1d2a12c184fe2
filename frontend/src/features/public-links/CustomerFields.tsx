import { useMemo } from 'react';
import { useFormContext, type FieldErrors } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { DEFAULT_LANGUAGE, LANGUAGES } from '@/i18n/languages';
import type { ShippingAddress } from './api';
import { countryOptions } from './countries';
import { usePublicErrorText } from './errorText';

/** Touch-sized controls in 16px type on phones (smaller type makes mobile browsers zoom in). */
export const CONTROL = 'h-11 text-base sm:h-9 sm:text-sm';

type ContactForm = { name: string; email: string; language: string };
type AddressName = 'shippingAddress' | 'billingAddress';
type AddressForm = { shippingAddress: ShippingAddress; billingAddress?: ShippingAddress };

function Legend({ children }: { children: string }) {
  return <legend className="mb-3 text-sm font-semibold tracking-wide text-slate-500 uppercase">{children}</legend>;
}

/** Name, email and preferred language, inside a `FormProvider`. */
export function ContactFields() {
  const { t } = useTranslation();
  const errorText = usePublicErrorText();
  const {
    register,
    formState: { errors },
  } = useFormContext<ContactForm>();

  return (
    <fieldset className="flex flex-col gap-4">
      <Legend>{t('publicLinks.registration.aboutYou')}</Legend>
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
  );
}

/** An address (the shipping one unless `name` says billing), inside a `FormProvider`; countries are named in the page's language. */
export function AddressFields({ name = 'shippingAddress', legend }: { name?: AddressName; legend?: string }) {
  const { t, i18n } = useTranslation();
  const errorText = usePublicErrorText();
  const uiLanguage = i18n.resolvedLanguage ?? DEFAULT_LANGUAGE;
  const countries = useMemo(() => countryOptions(uiLanguage), [uiLanguage]);
  const {
    register,
    formState: { errors },
  } = useFormContext<AddressForm>();
  const address: FieldErrors<ShippingAddress> | undefined = errors[name];

  return (
    <fieldset className="flex flex-col gap-4">
      <Legend>{legend ?? t('publicLinks.registration.address')}</Legend>
      <Field label={t('publicLinks.registration.line1')} error={errorText(address?.line1?.message)}>
        {(control) => <Input {...control} className={CONTROL} autoComplete="address-line1" {...register(`${name}.line1`)} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-[2fr_1fr]">
        <Field label={t('publicLinks.registration.city')} error={errorText(address?.city?.message)}>
          {(control) => <Input {...control} className={CONTROL} autoComplete="address-level2" {...register(`${name}.city`)} />}
        </Field>
        <Field label={t('publicLinks.registration.postalCode')} error={errorText(address?.postalCode?.message)}>
          {(control) => (
            <Input {...control} className={CONTROL} autoComplete="postal-code" {...register(`${name}.postalCode`)} />
          )}
        </Field>
      </div>
      <Field label={t('publicLinks.registration.country')} error={errorText(address?.country?.message)}>
        {(control) => (
          <Select {...control} className={CONTROL} autoComplete="country" {...register(`${name}.country`)}>
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
  );
}
