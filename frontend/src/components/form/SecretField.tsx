import type { ReactNode } from 'react';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';
import { SecretHint } from './SettingsSection';

type SecretFieldProps = {
  label: string;
  /** Whether the server has one stored; it never sends it back. */
  set: boolean;
  /** What typing here does, after the stored/not stored status. */
  hint: string;
  /** Already translated. */
  error?: string;
  /** The status's words; "Set" / "Not set" unless given. */
  setLabel?: string;
  notSetLabel?: string;
  /** How much a missing secret matters on this page. */
  unsetTone?: 'neutral' | 'warning';
  readOnly?: boolean;
  /** Next to the input, e.g. a button that removes the stored secret. */
  action?: ReactNode;
  className?: string;
  registration: UseFormRegisterReturn;
};

/**
 * A write-only secret of a settings form: an empty password input (left empty, the stored secret
 * stays), whether one is stored, and what typing here does.
 */
export function SecretField({
  label,
  set,
  hint,
  error,
  setLabel,
  notSetLabel,
  unsetTone,
  readOnly,
  action,
  className,
  registration,
}: SecretFieldProps) {
  const { t } = useTranslation();
  return (
    <Field
      label={label}
      className={className}
      hint={
        <SecretHint
          set={set}
          setLabel={setLabel ?? t('channel.secret.set')}
          notSetLabel={notSetLabel ?? t('channel.secret.notSet')}
          unsetTone={unsetTone}
        >
          {hint}
        </SecretHint>
      }
      error={error}
    >
      {(field) => {
        const input = (
          <Input {...field} type="password" autoComplete="new-password" spellCheck={false} readOnly={readOnly} {...registration} />
        );
        return action ? (
          <div className="flex gap-2">
            {input}
            {action}
          </div>
        ) : (
          input
        );
      }}
    </Field>
  );
}
