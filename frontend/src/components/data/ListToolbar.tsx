import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DebouncedInput } from '@/components/form/DebouncedInput';
import { Field } from '@/components/ui/field';
import { Select } from '@/components/ui/select';

/** The row of filters above a list. */
export function ListToolbar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div role="search" aria-label={label} className="grid items-start gap-4 border-b border-slate-100 px-5 py-4 sm:grid-cols-3">
      {children}
    </div>
  );
}

type SearchFieldProps = {
  label: string;
  value: string;
  onValueChange: (value: string) => void;
  placeholder?: string;
};

/** A search box that asks the server once typing pauses. */
export function SearchField({ label, value, onValueChange, placeholder }: SearchFieldProps) {
  return (
    <Field label={label}>
      {(control) => (
        <DebouncedInput {...control} type="search" value={value} placeholder={placeholder} onValueChange={onValueChange} />
      )}
    </Field>
  );
}

type ActiveFieldProps = {
  /** '' (all), 'true' or 'false'. */
  value: string;
  onValueChange: (value: string) => void;
  activeLabel?: string;
  inactiveLabel?: string;
};

/** All / active only / inactive only. */
export function ActiveField({ value, onValueChange, activeLabel, inactiveLabel }: ActiveFieldProps) {
  const { t } = useTranslation();
  return (
    <Field label={t('list.activeFilter.label')}>
      {(control) => (
        <Select {...control} value={value} onChange={(event) => onValueChange(event.target.value)}>
          <option value="">{t('list.activeFilter.all')}</option>
          <option value="true">{activeLabel ?? t('list.activeFilter.active')}</option>
          <option value="false">{inactiveLabel ?? t('list.activeFilter.inactive')}</option>
        </Select>
      )}
    </Field>
  );
}
