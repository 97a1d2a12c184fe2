import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { TextLink } from '@/components/ui/text-link';
import { can } from '@/features/auth/permissions';
import { useCurrentMembership } from '@/features/workspaces/useCurrentMembership';
import { workspaceSectionPath } from '@/features/workspaces/workspaceNav';
import type { TemplateMessage } from '../api/conversations';
import { useMessageTemplates, type MessageTemplate } from '../api/templates';

const MAX_PARAMETERS = 10;

type TemplatePickerProps = {
  workspaceId: string;
  sending: boolean;
  onSend: (template: TemplateMessage) => void;
};

/** `{{1}}`, `{{2}}`… of a template's body replaced by the parameters typed so far. */
function preview(body: string, parameters: readonly string[]): string {
  return body.replace(/{{\s*(\d+)\s*}}/g, (placeholder, index: string) => parameters[Number(index) - 1] || placeholder);
}

function templateKey(template: MessageTemplate): string {
  return `${template.name}:${template.language}`;
}

/**
 * Picks one of the configured templates and fills in its parameters. With none configured yet (or
 * when they cannot be loaded) the operator types the name, language and parameters as approved by Meta.
 */
export function TemplatePicker({ workspaceId, sending, onSend }: TemplatePickerProps) {
  const { t } = useTranslation();
  const list = useMessageTemplates(workspaceId);
  // The settings page is Admin-only: only those who can open it get the link.
  const canConfigure = can(useCurrentMembership()?.role, 'channel.manage');
  const templates = list.data?.items ?? [];
  const [selectedKey, setSelectedKey] = useState('');
  const [name, setName] = useState('');
  const [language, setLanguage] = useState('');
  const [parameters, setParameters] = useState<string[]>([]);
  const [submitted, setSubmitted] = useState(false);
  const selected = templates.find((template) => templateKey(template) === selectedKey);

  const missing = {
    name: name.trim() === '',
    language: language.trim() === '',
    parameters: parameters.some((parameter) => parameter.trim() === ''),
  };

  function choose(key: string) {
    setSelectedKey(key);
    const template = templates.find((candidate) => templateKey(candidate) === key);
    setName(template?.name ?? '');
    setLanguage(template?.language ?? '');
    setParameters(Array.from({ length: template?.parameterCount ?? 0 }, () => ''));
    setSubmitted(false);
  }

  function setParameter(index: number, value: string) {
    setParameters((current) => current.map((parameter, at) => (at === index ? value : parameter)));
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setSubmitted(true);
    if (missing.name || missing.language || missing.parameters) return;
    onSend({ name: name.trim(), language: language.trim(), parameters: parameters.map((parameter) => parameter.trim()) });
  }

  const required = t('validation.required');

  return (
    <form noValidate onSubmit={handleSubmit} aria-label={t('inbox.templates.title')} className="flex flex-col gap-3">
      {list.isError ? (
        <Alert tone="info">{t('inbox.templates.loadFailed')}</Alert>
      ) : (
        list.isSuccess &&
        templates.length === 0 && (
          <Alert tone="info">
            {t('inbox.templates.none')}
            {canConfigure && (
              <>
                {' '}
                <TextLink to={workspaceSectionPath(workspaceId, 'settings/whatsapp')}>{t('inbox.templates.configure')}</TextLink>
              </>
            )}
          </Alert>
        )
      )}
      {templates.length > 0 && (
        <Field label={t('inbox.templates.template')}>
          {(control) => (
            <Select {...control} value={selectedKey} onChange={(event) => choose(event.target.value)}>
              <option value="">{t('inbox.templates.byHand')}</option>
              {templates.map((template) => (
                <option key={templateKey(template)} value={templateKey(template)}>
                  {`${template.name} (${template.language})`}
                </option>
              ))}
            </Select>
          )}
        </Field>
      )}
      {selected ? (
        <p className="rounded-md border border-slate-200 bg-slate-50 px-3 py-2 text-sm whitespace-pre-wrap text-slate-700">
          {preview(selected.body, parameters)}
        </p>
      ) : (
        <div className="grid gap-3 sm:grid-cols-[1fr_8rem]">
          <Field label={t('inbox.templates.name')} error={submitted && missing.name ? required : undefined}>
            {(control) => (
              <Input {...control} className="font-mono" value={name} onChange={(event) => setName(event.target.value)} />
            )}
          </Field>
          <Field
            label={t('inbox.templates.language')}
            hint={t('inbox.templates.languageHint')}
            error={submitted && missing.language ? required : undefined}
          >
            {(control) => (
              <Input {...control} className="font-mono" value={language} onChange={(event) => setLanguage(event.target.value)} />
            )}
          </Field>
        </div>
      )}
      {parameters.map((parameter, index) => (
        <Field
          // The parameters are positional: their index is their identity.
          key={index}
          label={t('inbox.templates.parameter', { n: index + 1 })}
          error={submitted && parameter.trim() === '' ? required : undefined}
        >
          {(control) => <Input {...control} value={parameter} onChange={(event) => setParameter(index, event.target.value)} />}
        </Field>
      ))}
      <div className="flex flex-wrap items-center justify-end gap-2">
        {!selected && (
          <>
            {parameters.length > 0 && (
              <Button variant="ghost" size="sm" onClick={() => setParameters((current) => current.slice(0, -1))}>
                {t('inbox.templates.removeParameter')}
              </Button>
            )}
            {parameters.length < MAX_PARAMETERS && (
              <Button variant="secondary" size="sm" onClick={() => setParameters((current) => [...current, ''])}>
                {t('inbox.templates.addParameter')}
              </Button>
            )}
          </>
        )}
        <Button type="submit" disabled={sending}>
          {sending ? t('inbox.composer.sending') : t('inbox.templates.send')}
        </Button>
      </div>
    </form>
  );
}
