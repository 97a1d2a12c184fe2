import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useMemo } from 'react';
import { useForm, useWatch, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { integerField } from '@/components/form/numberFields';
import { RadioCard } from '@/components/form/RadioCard';
import { SaveStatus } from '@/components/form/SaveStatus';
import { settingsSaveCallbacks, useFieldErrorText, validation, type ValidationKey } from '@/components/form/validation';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { SecretField } from '@/components/form/SecretField';
import { SettingsSection } from '@/components/form/SettingsSection';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Textarea } from '@/components/ui/textarea';
import { formatDateTime } from '@/lib/format';
import { useUpdateAgentSettings, type AgentSettings, type AgentSettingsInput } from '../api/agent';
import { COMING_SOON_GROUPS, groupTools, isKnownTool } from '../tools';

export const PROMPT_MAX_LENGTH = 20_000;
/** `0.3` or `0,3`, at most two decimals, as the server rounds. */
const DECIMAL = /^\d(?:[.,]\d{1,2})?$/;

function issue(ctx: z.core.$RefinementCtx, message: ValidationKey, path: PropertyKey[]) {
  ctx.addIssue({ code: 'custom', message, path });
}

/** Mirrors the server's checks: an OpenAI-compatible service needs its address and a model. */
const agentSchema = z
  .object({
    provider: z.enum(['builtin', 'openai-compatible']),
    baseUrl: z.string().trim().max(300, validation('tooLong')).regex(/^$|^https?:\/\/\S+$/, validation('httpUrl')),
    model: z.string().trim().max(200, validation('tooLong')),
    apiKey: z.string().trim().max(500, validation('tooLong')),
    removeApiKey: z.boolean(),
    temperature: z
      .string()
      .trim()
      .min(1, validation('required'))
      .transform((text, ctx) => {
        const value = DECIMAL.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
        if (value >= 0 && value <= 2) return value;
        issue(ctx, 'validation.temperature', []);
        return z.NEVER;
      }),
    maxTokens: integerField({ min: 16, max: 32_000, message: 'validation.maxTokens' }),
    timeoutMs: integerField({ min: 1_000, max: 120_000, message: 'validation.timeoutMs' }),
    enabledTools: z.array(z.string()).min(1, validation('toolsRequired')),
    debug: z.boolean(),
    systemPrompt: z.string().max(PROMPT_MAX_LENGTH, validation('promptTooLong')),
  })
  .superRefine(
    (values, ctx) => {
      if (values.provider !== 'openai-compatible') return;
      if (values.baseUrl === '') issue(ctx, 'validation.requiredForProvider', ['baseUrl']);
      if (values.model === '') issue(ctx, 'validation.requiredForProvider', ['model']);
    },
    // Also alongside the errors of other fields, so that all of them show at once (these three are plain strings).
    { when: () => true },
  );

type AgentFormValues = z.input<typeof agentSchema>;
type AgentFormOutput = z.output<typeof agentSchema>;

const FIELDS = [
  'provider',
  'baseUrl',
  'model',
  'apiKey',
  'temperature',
  'maxTokens',
  'timeoutMs',
  'enabledTools',
  'debug',
  'systemPrompt',
] as const satisfies readonly Path<AgentFormValues>[];

/** `enabledTools[3]` of a 422 goes on the checklist; the rest as named. */
function formField(field: string): Path<AgentFormValues> | undefined {
  const name = field.replace(/(?:\[\d+\]|\.\d+)$/, '');
  return FIELDS.find((known) => known === name);
}

/** The key is never filled in: the form only says whether one is stored. */
function toForm(settings: AgentSettings): AgentFormValues {
  return {
    provider: settings.provider,
    baseUrl: settings.baseUrl,
    model: settings.model,
    apiKey: '',
    removeApiKey: false,
    temperature: String(settings.temperature),
    maxTokens: String(settings.maxTokens),
    timeoutMs: String(settings.timeoutMs),
    enabledTools: settings.enabledTools.filter((tool) => settings.availableTools.includes(tool)),
    debug: settings.debug,
    systemPrompt: settings.systemPrompt?.text ?? '',
  };
}

/**
 * An empty key is left out (keeps the stored one), a removed one is sent as ''. The prompt is only
 * sent when changed, as every saved text becomes a new version.
 */
function toInput(
  { apiKey, removeApiKey, systemPrompt, ...values }: AgentFormOutput,
  settings: AgentSettings,
): AgentSettingsInput {
  const promptChanged = systemPrompt !== (settings.systemPrompt?.text ?? '');
  return {
    ...values,
    ...(removeApiKey ? { apiKey: '' } : apiKey ? { apiKey } : {}),
    ...(promptChanged ? { systemPrompt } : {}),
  };
}

/** Every setting of the AI agent; the API key is write-only and the prompt is versioned by the server. */
export function AgentForm({ workspaceId, settings }: { workspaceId: string; settings: AgentSettings }) {
  const { t, i18n } = useTranslation();
  const fieldError = useFieldErrorText();
  const toolsTitleId = useId();
  const debugHintId = useId();
  const update = useUpdateAgentSettings(workspaceId);
  const defaultValues = useMemo(() => toForm(settings), [settings]);
  const {
    register,
    control,
    handleSubmit,
    reset,
    setError,
    setValue,
    formState: { errors, isDirty },
  } = useForm<AgentFormValues, unknown, AgentFormOutput>({ resolver: zodResolver(agentSchema), defaultValues });
  const provider = useWatch({ control, name: 'provider' });
  const removeApiKey = useWatch({ control, name: 'removeApiKey' });
  const promptLength = useWatch({ control, name: 'systemPrompt' }).length;
  const locale = i18n.resolvedLanguage ?? 'en';

  function handleSave(values: AgentFormOutput) {
    update.mutate(toInput(values, settings), settingsSaveCallbacks({ reset, setError }, toForm, formField));
  }

  function toolLabel(tool: string): string {
    return isKnownTool(tool) ? t(`agentSettings.tools.items.${tool}.label`) : tool;
  }

  return (
    <form noValidate onSubmit={handleSubmit(handleSave)} className="flex flex-col gap-6">
      <SaveStatus mutation={update} dirty={isDirty} failed={t('agentSettings.failed')} saved={t('agentSettings.saved')} />

      <SettingsSection title={t('agentSettings.provider.title')} description={t('agentSettings.provider.description')}>
        <fieldset className="grid gap-3 sm:col-span-2 sm:grid-cols-2">
          <legend className="sr-only">{t('agentSettings.provider.title')}</legend>
          <RadioCard
            value="builtin"
            label={t('agentSettings.provider.builtin')}
            hint={t('agentSettings.provider.builtinHint')}
            {...register('provider')}
          />
          <RadioCard
            value="openai-compatible"
            label={t('agentSettings.provider.openai')}
            hint={t('agentSettings.provider.openaiHint')}
            {...register('provider')}
          />
        </fieldset>
      </SettingsSection>

      {provider === 'openai-compatible' && (
        <SettingsSection title={t('agentSettings.connection.title')} description={t('agentSettings.connection.description')}>
          <Field
            label={t('agentSettings.fields.baseUrl')}
            hint={t('agentSettings.fields.baseUrlHint')}
            error={fieldError(errors.baseUrl?.message)}
            className="sm:col-span-2"
          >
            {(field) => <Input {...field} type="url" spellCheck={false} className="font-mono" {...register('baseUrl')} />}
          </Field>
          <Field
            label={t('agentSettings.fields.model')}
            hint={t('agentSettings.fields.modelHint')}
            error={fieldError(errors.model?.message)}
          >
            {(field) => <Input {...field} spellCheck={false} className="font-mono" {...register('model')} />}
          </Field>
          <SecretField
            label={t('agentSettings.fields.apiKey')}
            set={settings.apiKeySet}
            setLabel={t('agentSettings.secret.set')}
            notSetLabel={t('agentSettings.secret.notSet')}
            hint={
              removeApiKey
                ? t('agentSettings.secret.removing')
                : settings.apiKeySet
                  ? t('agentSettings.secret.replaceHint')
                  : t('agentSettings.secret.setHint')
            }
            error={fieldError(errors.apiKey?.message)}
            readOnly={removeApiKey}
            registration={register('apiKey')}
            action={
              settings.apiKeySet && (
                <Button
                  variant="secondary"
                  onClick={() => {
                    setValue('removeApiKey', !removeApiKey, { shouldDirty: true });
                    setValue('apiKey', '', { shouldDirty: true });
                  }}
                >
                  {removeApiKey ? t('agentSettings.secret.keep') : t('agentSettings.secret.remove')}
                </Button>
              )
            }
          />
          <Field
            label={t('agentSettings.fields.temperature')}
            hint={t('agentSettings.fields.temperatureHint')}
            error={fieldError(errors.temperature?.message)}
          >
            {(field) => <Input {...field} inputMode="decimal" {...register('temperature')} />}
          </Field>
          <Field
            label={t('agentSettings.fields.maxTokens')}
            hint={t('agentSettings.fields.maxTokensHint')}
            error={fieldError(errors.maxTokens?.message)}
          >
            {(field) => <Input {...field} inputMode="numeric" {...register('maxTokens')} />}
          </Field>
          <Field
            label={t('agentSettings.fields.timeoutMs')}
            hint={t('agentSettings.fields.timeoutMsHint')}
            error={fieldError(errors.timeoutMs?.message)}
            className="sm:col-span-2"
          >
            {(field) => <Input {...field} inputMode="numeric" className="sm:max-w-xs" {...register('timeoutMs')} />}
          </Field>
        </SettingsSection>
      )}

      <Card aria-labelledby={toolsTitleId}>
        <CardHeader>
          <CardTitle id={toolsTitleId}>{t('agentSettings.tools.title')}</CardTitle>
          <CardDescription>{t('agentSettings.tools.description')}</CardDescription>
        </CardHeader>
        <CardContent className="flex flex-col gap-5 py-5">
          <p className="text-xs text-slate-600">{t('agentSettings.tools.comingSoonNote')}</p>
          {errors.enabledTools?.message && (
            <p role="alert" className="text-xs font-medium text-red-700">
              {fieldError(errors.enabledTools.message)}
            </p>
          )}
          {groupTools(settings.availableTools).map(({ group, tools }) => (
            <fieldset key={group} className="flex flex-col gap-2">
              <legend className="mb-1 text-sm font-semibold text-slate-800">
                {t(`agentSettings.tools.groups.${group}`)}
              </legend>
              <ul className="grid gap-2 sm:grid-cols-2">
                {tools.map((tool) => {
                  const comingSoon = group !== 'other' && COMING_SOON_GROUPS.has(group);
                  return (
                    <li key={tool}>
                      <label className="flex cursor-pointer items-start gap-2.5 rounded-md border border-slate-200 p-2.5">
                        <input
                          type="checkbox"
                          value={tool}
                          aria-describedby={`${toolsTitleId}-${tool}`}
                          className="mt-0.5 size-4 shrink-0 rounded border-slate-300 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
                          {...register('enabledTools')}
                        />
                        <span className="flex flex-col gap-0.5">
                          <span className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                            {toolLabel(tool)}
                            {comingSoon && <Badge tone="warning">{t('agentSettings.tools.comingSoon')}</Badge>}
                          </span>
                          <span id={`${toolsTitleId}-${tool}`} className="text-xs text-slate-600">
                            {isKnownTool(tool) ? t(`agentSettings.tools.items.${tool}.description`) : ''}
                            <code className="ml-1 text-[11px] text-slate-400">{tool}</code>
                          </span>
                        </span>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          ))}
        </CardContent>
      </Card>

      <SettingsSection title={t('agentSettings.debug.title')}>
        <div className="flex flex-col gap-1 sm:col-span-2">
          <Checkbox label={t('agentSettings.fields.debug')} aria-describedby={debugHintId} {...register('debug')} />
          <p id={debugHintId} className="text-xs text-slate-600">
            {t('agentSettings.fields.debugHint')}
          </p>
        </div>
      </SettingsSection>

      <SettingsSection
        title={t('agentSettings.prompt.title')}
        description={
          settings.systemPrompt
            ? t('agentSettings.prompt.version', {
                version: settings.systemPrompt.version,
                date: formatDateTime(settings.systemPrompt.createdAt, locale),
              })
            : t('agentSettings.prompt.none')
        }
      >
        <Field
          label={t('agentSettings.fields.systemPrompt')}
          hint={t('agentSettings.prompt.hint', { used: promptLength, max: PROMPT_MAX_LENGTH })}
          error={fieldError(errors.systemPrompt?.message)}
          className="sm:col-span-2"
        >
          {(field) => <Textarea {...field} rows={14} className="font-mono text-xs" {...register('systemPrompt')} />}
        </Field>
      </SettingsSection>

      <div className="flex items-center justify-end gap-4">
        {settings.updatedAt && (
          <p className="text-xs text-slate-500">
            {t('agentSettings.updatedAt', { date: formatDateTime(settings.updatedAt, locale) })}
          </p>
        )}
        <Button type="submit" disabled={update.isPending}>
          {update.isPending ? t('common.saving') : t('agentSettings.save')}
        </Button>
      </div>
    </form>
  );
}
