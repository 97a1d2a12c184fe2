import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { RadioCard } from '@/components/form/RadioCard';
import { SecretField } from '@/components/form/SecretField';
import { SettingsSection } from '@/components/form/SettingsSection';
import { SaveStatus } from '@/components/form/SaveStatus';
import { settingsSaveCallbacks, useFieldErrorText, validation } from '@/components/form/validation';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { CopyField } from '@/features/channel/components/CopyField';
import {
  STRIPE_WEBHOOK_EVENTS,
  useUpdatePaymentSettings,
  type PaymentSettings,
  type PaymentSettingsInput,
} from '../api/payments';

/** The stored secrets decide whether an empty secret field is fine: empty keeps what is stored. */
function paymentSchema(settings: PaymentSettings) {
  return z
    .object({
      provider: z.enum(['test', 'stripe']),
      secretKey: z.string().trim().max(300, validation('tooLong')),
      webhookSecret: z.string().trim().max(300, validation('tooLong')),
      apiBaseUrl: z.string().trim().max(300, validation('tooLong')).regex(/^$|^https?:\/\/\S+$/, validation('httpUrl')),
    })
    .superRefine((values, ctx) => {
      if (values.provider !== 'stripe') return;
      // Stripe needs the key to open payments and the signing secret to confirm them.
      if (values.secretKey === '' && !settings.secretKeySet) {
        ctx.addIssue({ code: 'custom', message: 'validation.requiredForStripe', path: ['secretKey'] });
      }
      if (values.webhookSecret === '' && !settings.webhookSecretSet) {
        ctx.addIssue({ code: 'custom', message: 'validation.requiredForStripe', path: ['webhookSecret'] });
      }
    });
}

type PaymentSchema = ReturnType<typeof paymentSchema>;
type PaymentFormValues = z.input<PaymentSchema>;

const FIELDS = ['provider', 'secretKey', 'webhookSecret', 'apiBaseUrl'] as const;

/** Secrets are never filled in: the form only says whether one is stored. */
function toForm(settings: PaymentSettings): PaymentFormValues {
  return { provider: settings.provider, secretKey: '', webhookSecret: '', apiBaseUrl: settings.apiBaseUrl };
}

/** Stripe's fields only go with Stripe; an empty secret is left out, which keeps the stored one. */
function toInput({ provider, secretKey, webhookSecret, apiBaseUrl }: z.output<PaymentSchema>): PaymentSettingsInput {
  if (provider !== 'stripe') return { provider };
  return {
    provider,
    ...(secretKey ? { secretKey } : {}),
    ...(webhookSecret ? { webhookSecret } : {}),
    ...(apiBaseUrl ? { apiBaseUrl } : {}),
  };
}

/** Which provider takes the customers' payments, and Stripe's keys and webhook. */
export function PaymentSettingsForm({ workspaceId, settings }: { workspaceId: string; settings: PaymentSettings }) {
  const { t } = useTranslation();
  const fieldError = useFieldErrorText();
  const update = useUpdatePaymentSettings(workspaceId);
  const schema = useMemo(() => paymentSchema(settings), [settings]);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = useForm<PaymentFormValues, unknown, z.output<PaymentSchema>>({
    resolver: zodResolver(schema),
    defaultValues: toForm(settings),
  });
  const provider = useWatch({ control, name: 'provider' });

  function handleSave(values: z.output<PaymentSchema>) {
    update.mutate(toInput(values), settingsSaveCallbacks({ reset, setError }, toForm, FIELDS));
  }

  return (
    <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-6">
      <SaveStatus mutation={update} dirty={isDirty} failed={t('payments.failed')} saved={t('payments.saved')} />

      <SettingsSection title={t('payments.provider.title')} description={t('payments.provider.description')}>
        <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-2">
          <legend className="sr-only">{t('payments.provider.title')}</legend>
          <RadioCard value="test" label={t('payments.provider.test')} hint={t('payments.provider.testHint')} {...register('provider')} />
          <RadioCard
            value="stripe"
            label={t('payments.provider.stripe')}
            hint={t('payments.provider.stripeHint')}
            {...register('provider')}
          />
        </fieldset>
        {errors.provider?.message && (
          <p role="alert" className="text-xs font-medium text-red-700 sm:col-span-2">
            {fieldError(errors.provider.message)}
          </p>
        )}
      </SettingsSection>

      {provider === 'stripe' && (
        <>
          <SettingsSection title={t('payments.stripe.title')} description={t('payments.stripe.description')}>
            <SecretField
              label={t('payments.fields.secretKey')}
              set={settings.secretKeySet}
              hint={settings.secretKeySet ? t('channel.secret.replaceHint') : t('payments.secret.secretKeyHint')}
              unsetTone="warning"
              error={fieldError(errors.secretKey?.message)}
              registration={register('secretKey')}
            />
            <SecretField
              label={t('payments.fields.webhookSecret')}
              set={settings.webhookSecretSet}
              hint={settings.webhookSecretSet ? t('channel.secret.replaceHint') : t('payments.secret.webhookSecretHint')}
              unsetTone="warning"
              error={fieldError(errors.webhookSecret?.message)}
              registration={register('webhookSecret')}
            />
            <Field
              label={t('payments.fields.apiBaseUrl')}
              hint={t('payments.fields.apiBaseUrlHint')}
              error={fieldError(errors.apiBaseUrl?.message)}
              className="sm:col-span-2"
            >
              {(field) => <Input {...field} type="url" spellCheck={false} className="font-mono" {...register('apiBaseUrl')} />}
            </Field>
          </SettingsSection>

          <SettingsSection title={t('payments.webhook.title')} description={t('payments.webhook.description')}>
            <div className="sm:col-span-2">
              <CopyField label={t('payments.webhook.url')} value={settings.webhookUrl} />
            </div>
            <div className="flex flex-col gap-2 sm:col-span-2">
              <p className="text-sm font-medium text-slate-800">{t('payments.webhook.events')}</p>
              <ul aria-label={t('payments.webhook.events')} className="flex flex-col gap-1">
                {STRIPE_WEBHOOK_EVENTS.map((event) => (
                  <li key={event}>
                    <code className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-800">{event}</code>
                  </li>
                ))}
              </ul>
            </div>
          </SettingsSection>
        </>
      )}

      <div className="flex justify-end">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('payments.save')}
        </Button>
      </div>
    </form>
  );
}
