import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo } from 'react';
import { useFieldArray, useForm, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { integerField } from '@/components/form/numberFields';
import { SaveStatus } from '@/components/form/SaveStatus';
import { settingsSaveCallbacks, useFieldErrorText, validation, type ValidationKey } from '@/components/form/validation';
import { Button } from '@/components/ui/button';
import { SecretField } from '@/components/form/SecretField';
import { SettingsSection } from '@/components/form/SettingsSection';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { useUpdateWhatsAppChannel, type WhatsAppChannel, type WhatsAppChannelInput } from '../api/channel';

const DIGITS = /^\d*$/;
/** As Meta names templates. */
const TEMPLATE_NAME = /^[a-z0-9_]+$/;
/** `it`, `en_US`, `pt_BR`… as Meta's template languages are written. */
const LANGUAGE_CODE = /^[a-z]{2,3}(?:_[A-Z]{2})?$/;
const MAX_PARAMETERS = 20;

function issue(ctx: z.core.$RefinementCtx, message: ValidationKey, path: PropertyKey[]) {
  ctx.addIssue({ code: 'custom', message, path });
}

const templatesSchema = z
  .array(
    z.object({
      name: z.string().trim().min(1, validation('required')).max(512, validation('tooLong')).regex(TEMPLATE_NAME, validation('templateName')),
      language: z.string().trim().min(1, validation('required')).regex(LANGUAGE_CODE, validation('languageCode')),
      body: z.string().trim().min(1, validation('required')).max(1024, validation('tooLong')),
      parameterCount: integerField({ min: 0, max: MAX_PARAMETERS, message: 'validation.parameterCount' }),
    }),
  )
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      const key = `${row.name}:${row.language}`;
      if (seen.has(key)) issue(ctx, 'validation.templateDuplicate', [index, 'name']);
      seen.add(key);
    });
  });

/** The stored secrets decide whether an empty secret field is fine: empty keeps what is stored. */
function channelSchema(channel: WhatsAppChannel) {
  return z
    .object({
      enabled: z.boolean(),
      phoneNumberId: z.string().trim().max(64, validation('tooLong')).regex(DIGITS, validation('digits')),
      businessAccountId: z.string().trim().max(64, validation('tooLong')).regex(DIGITS, validation('digits')),
      apiBaseUrl: z.string().trim().min(1, validation('required')).max(500, validation('tooLong')).regex(/^https?:\/\/\S+$/, validation('url')),
      accessToken: z.string().trim().max(4096, validation('tooLong')),
      appSecret: z.string().trim().max(512, validation('tooLong')),
      verifyToken: z.string().trim().max(200, validation('tooLong')),
      welcomeMessage: z.string().trim().max(4096, validation('tooLong')),
      inactiveMessage: z.string().trim().max(4096, validation('tooLong')),
      messagesPerSecond: integerField({ min: 1, max: 1000, message: 'validation.upTo1000' }),
      abuseMaxMessagesPerMinute: integerField({ min: 1, max: 1000, message: 'validation.upTo1000' }),
      abuseBlockMinutes: integerField({ min: 1, max: 100_000, message: 'validation.minutes' }),
      templates: templatesSchema,
    })
    .superRefine((values, ctx) => {
      if (!values.enabled) return;
      // An enabled channel must be able to send: WhatsApp needs the number and a token for that.
      if (values.phoneNumberId === '') issue(ctx, 'validation.requiredToEnable', ['phoneNumberId']);
      if (values.accessToken === '' && !channel.accessTokenSet) issue(ctx, 'validation.requiredToEnable', ['accessToken']);
    });
}

type ChannelSchema = ReturnType<typeof channelSchema>;
type ChannelFormValues = z.input<ChannelSchema>;

const FIELDS = [
  'enabled',
  'phoneNumberId',
  'businessAccountId',
  'apiBaseUrl',
  'accessToken',
  'appSecret',
  'verifyToken',
  'welcomeMessage',
  'inactiveMessage',
  'messagesPerSecond',
  'abuseMaxMessagesPerMinute',
  'abuseBlockMinutes',
] as const;

const TEMPLATE_FIELDS = ['name', 'language', 'body', 'parameterCount'] as const;

/** Secrets are never filled in: the form only says whether one is stored. */
function toForm(channel: WhatsAppChannel): ChannelFormValues {
  return {
    enabled: channel.enabled,
    phoneNumberId: channel.phoneNumberId,
    businessAccountId: channel.businessAccountId,
    apiBaseUrl: channel.apiBaseUrl,
    accessToken: '',
    appSecret: '',
    verifyToken: channel.verifyToken,
    welcomeMessage: channel.welcomeMessage,
    inactiveMessage: channel.inactiveMessage,
    messagesPerSecond: String(channel.messagesPerSecond),
    abuseMaxMessagesPerMinute: String(channel.abuseMaxMessagesPerMinute),
    abuseBlockMinutes: String(channel.abuseBlockMinutes),
    templates: channel.templates.map((template) => ({ ...template, parameterCount: String(template.parameterCount) })),
  };
}

/** An empty secret is left out of the request, which keeps the stored one. */
function toInput({ accessToken, appSecret, ...values }: z.output<ChannelSchema>): WhatsAppChannelInput {
  return {
    ...values,
    ...(accessToken ? { accessToken } : {}),
    ...(appSecret ? { appSecret } : {}),
  };
}

/** `templates[2].name` or `templates.2.name` of a 422 → the form field; the rest as named. */
function formField(field: string): Path<ChannelFormValues> | undefined {
  const known = FIELDS.find((name) => name === field);
  if (known) return known;
  const match = /^templates(?:\[(\d+)\]|\.(\d+))\.(\w+)$/.exec(field);
  const index = match?.[1] ?? match?.[2];
  const name = TEMPLATE_FIELDS.find((candidate) => candidate === match?.[3]);
  return index !== undefined && name ? `templates.${Number(index)}.${name}` : undefined;
}

/** Every setting of the WhatsApp channel; secrets are write-only and templates are edited as rows. */
export function ChannelForm({ workspaceId, channel }: { workspaceId: string; channel: WhatsAppChannel }) {
  const { t } = useTranslation();
  const templatesId = useId();
  const fieldError = useFieldErrorText();
  const update = useUpdateWhatsAppChannel(workspaceId);
  const schema = useMemo(() => channelSchema(channel), [channel]);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    formState: { errors, isDirty },
  } = useForm<ChannelFormValues, unknown, z.output<ChannelSchema>>({
    resolver: zodResolver(schema),
    defaultValues: toForm(channel),
  });
  const templates = useFieldArray({ control, name: 'templates' });

  function handleSave(values: z.output<ChannelSchema>) {
    update.mutate(toInput(values), settingsSaveCallbacks({ reset, setError }, toForm, formField));
  }

  return (
    <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-6">
      <SaveStatus mutation={update} dirty={isDirty} failed={t('channel.failed')} saved={t('channel.saved')} />

      <SettingsSection title={t('channel.account.title')} description={t('channel.account.description')}>
        <div className="sm:col-span-2">
          <Checkbox label={t('channel.fields.enabled')} {...register('enabled')} />
        </div>
        <Field label={t('channel.fields.phoneNumberId')} error={fieldError(errors.phoneNumberId?.message)}>
          {(field) => <Input {...field} inputMode="numeric" className="font-mono" {...register('phoneNumberId')} />}
        </Field>
        <Field label={t('channel.fields.businessAccountId')} error={fieldError(errors.businessAccountId?.message)}>
          {(field) => <Input {...field} inputMode="numeric" className="font-mono" {...register('businessAccountId')} />}
        </Field>
        <Field
          label={t('channel.fields.apiBaseUrl')}
          hint={t('channel.fields.apiBaseUrlHint')}
          error={fieldError(errors.apiBaseUrl?.message)}
          className="sm:col-span-2"
        >
          {(field) => <Input {...field} type="url" className="font-mono" {...register('apiBaseUrl')} />}
        </Field>
        <SecretField
          label={t('channel.fields.accessToken')}
          set={channel.accessTokenSet}
          hint={channel.accessTokenSet ? t('channel.secret.replaceHint') : t('channel.secret.setHint')}
          unsetTone="warning"
          error={fieldError(errors.accessToken?.message)}
          registration={register('accessToken')}
        />
        <SecretField
          label={t('channel.fields.appSecret')}
          set={channel.appSecretSet}
          hint={channel.appSecretSet ? t('channel.secret.replaceHint') : t('channel.secret.appSecretHint')}
          unsetTone="warning"
          error={fieldError(errors.appSecret?.message)}
          registration={register('appSecret')}
        />
        <Field
          label={t('channel.fields.verifyToken')}
          hint={t('channel.fields.verifyTokenHint')}
          error={fieldError(errors.verifyToken?.message)}
          className="sm:col-span-2"
        >
          {(field) => <Input {...field} autoComplete="off" spellCheck={false} className="font-mono" {...register('verifyToken')} />}
        </Field>
      </SettingsSection>

      <SettingsSection title={t('channel.messages.title')} description={t('channel.messages.description')}>
        <Field
          label={t('channel.fields.welcomeMessage')}
          hint={t('channel.fields.welcomeMessageHint')}
          error={fieldError(errors.welcomeMessage?.message)}
          className="sm:col-span-2"
        >
          {(field) => <Textarea {...field} rows={3} {...register('welcomeMessage')} />}
        </Field>
        <Field
          label={t('channel.fields.inactiveMessage')}
          hint={t('channel.fields.inactiveMessageHint')}
          error={fieldError(errors.inactiveMessage?.message)}
          className="sm:col-span-2"
        >
          {(field) => <Textarea {...field} rows={3} {...register('inactiveMessage')} />}
        </Field>
      </SettingsSection>

      <SettingsSection title={t('channel.limits.title')} description={t('channel.limits.description')}>
        <Field
          label={t('channel.fields.messagesPerSecond')}
          hint={t('channel.fields.messagesPerSecondHint')}
          error={fieldError(errors.messagesPerSecond?.message)}
        >
          {(field) => <Input {...field} inputMode="numeric" {...register('messagesPerSecond')} />}
        </Field>
        <Field
          label={t('channel.fields.abuseMaxMessagesPerMinute')}
          hint={t('channel.fields.abuseMaxMessagesPerMinuteHint')}
          error={fieldError(errors.abuseMaxMessagesPerMinute?.message)}
        >
          {(field) => <Input {...field} inputMode="numeric" {...register('abuseMaxMessagesPerMinute')} />}
        </Field>
        <Field
          label={t('channel.fields.abuseBlockMinutes')}
          hint={t('channel.fields.abuseBlockMinutesHint')}
          error={fieldError(errors.abuseBlockMinutes?.message)}
        >
          {(field) => <Input {...field} inputMode="numeric" {...register('abuseBlockMinutes')} />}
        </Field>
      </SettingsSection>

      <Card aria-labelledby={templatesId}>
        <CardHeader>
          <CardTitle id={templatesId}>{t('channel.templates.title')}</CardTitle>
          <CardDescription>{t('channel.templates.description')}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-4 py-5">
          {templates.fields.length === 0 && <p className="text-sm text-slate-500">{t('channel.templates.empty')}</p>}
          {templates.fields.map((row, index) => {
            const rowErrors = errors.templates?.[index];
            const n = index + 1;
            return (
              <fieldset
                key={row.id}
                className="grid items-start gap-3 rounded-lg border border-slate-200 p-3 sm:grid-cols-[1fr_8rem_8rem_auto]"
              >
                <legend className="px-1 text-xs font-semibold text-slate-500">{t('channel.templates.row', { n })}</legend>
                <Field label={t('channel.templates.name', { n })} error={fieldError(rowErrors?.name?.message)}>
                  {(field) => <Input {...field} className="font-mono" {...register(`templates.${index}.name`)} />}
                </Field>
                <Field label={t('channel.templates.language', { n })} error={fieldError(rowErrors?.language?.message)}>
                  {(field) => <Input {...field} className="font-mono" {...register(`templates.${index}.language`)} />}
                </Field>
                <Field label={t('channel.templates.parameterCount', { n })} error={fieldError(rowErrors?.parameterCount?.message)}>
                  {(field) => <Input {...field} inputMode="numeric" {...register(`templates.${index}.parameterCount`)} />}
                </Field>
                <Button
                  variant="ghost"
                  size="sm"
                  className="sm:mt-6.5"
                  aria-label={t('channel.templates.remove', { n })}
                  onClick={() => templates.remove(index)}
                >
                  ✕
                </Button>
                <Field
                  label={t('channel.templates.body', { n })}
                  hint={t('channel.templates.bodyHint', { first: '{{1}}', second: '{{2}}' })}
                  error={fieldError(rowErrors?.body?.message)}
                  className="sm:col-span-4"
                >
                  {(field) => <Textarea {...field} rows={2} {...register(`templates.${index}.body`)} />}
                </Field>
              </fieldset>
            );
          })}
          <div>
            <Button
              variant="secondary"
              size="sm"
              onClick={() => templates.append({ name: '', language: '', body: '', parameterCount: '0' })}
            >
              {t('channel.templates.add')}
            </Button>
          </div>
        </CardContent>
      </Card>

      <div className="flex justify-end">
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('channel.save')}
        </Button>
      </div>
    </form>
  );
}
