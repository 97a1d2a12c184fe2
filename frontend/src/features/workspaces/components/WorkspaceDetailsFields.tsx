import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { useFieldErrorText } from '@/components/form/validation';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { LANGUAGES } from '@/i18n/languages';
import { BUSINESS_TYPES, isBusinessType, timeZoneOptions, type WorkspaceDetails } from '../workspaceSchema';

/** Name, currency, default language, time zone and business type; used inside a FormProvider. */
export function WorkspaceDetailsFields() {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const {
    register,
    control: formControl,
    formState: { errors },
  } = useFormContext<WorkspaceDetails>();
  const [timezone, businessType] = useWatch({ control: formControl, name: ['timezone', 'businessType'] });
  const businessTypes: string[] = [...BUSINESS_TYPES];
  if (businessType && !isBusinessType(businessType)) businessTypes.push(businessType);

  return (
    <>
      <Field label={t('workspace.fields.name')} error={fieldError(errors.name?.message)}>
        {(control) => <Input {...control} autoComplete="organization" {...register('name')} />}
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label={t('workspace.fields.businessType')} error={fieldError(errors.businessType?.message)}>
          {(control) => (
            <Select {...control} {...register('businessType')}>
              {businessTypes.map((type) => (
                <option key={type} value={type}>
                  {isBusinessType(type) ? t(`workspace.businessTypes.${type}`) : type}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field
          label={t('workspace.fields.currency')}
          hint={t('workspace.fields.currencyHint')}
          error={fieldError(errors.currency?.message)}
        >
          {(control) => (
            <Input {...control} maxLength={3} autoCapitalize="characters" className="uppercase" {...register('currency')} />
          )}
        </Field>
        <Field label={t('workspace.fields.defaultLanguage')} error={fieldError(errors.defaultLanguage?.message)}>
          {(control) => (
            <Select {...control} {...register('defaultLanguage')}>
              {LANGUAGES.map((language) => (
                <option key={language.code} value={language.code}>
                  {t(`workspace.languages.${language.code}`)}
                </option>
              ))}
            </Select>
          )}
        </Field>
        <Field label={t('workspace.fields.timezone')} error={fieldError(errors.timezone?.message)}>
          {(control) => (
            <Select {...control} {...register('timezone')}>
              {timeZoneOptions(timezone).map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replaceAll('_', ' ')}
                </option>
              ))}
            </Select>
          )}
        </Field>
      </div>
    </>
  );
}
