import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { Field } from '@/components/ui/field';
import { Input } from '@/components/ui/input';

type CopyFieldProps = {
  label: string;
  value: string;
  hint?: string;
};

const COPIED_FOR_MS = 2_000;

/** A read-only value the Admin pastes elsewhere (Meta's dashboard), with a button that copies it. */
export function CopyField({ label, value, hint }: CopyFieldProps) {
  const { t } = useTranslation();
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => () => clearTimeout(timer.current), []);

  function handleCopy() {
    clearTimeout(timer.current);
    // The clipboard is missing on plain-HTTP pages other than localhost: then the value is selected by hand.
    const copy = navigator.clipboard?.writeText(value) ?? Promise.reject(new Error('no clipboard'));
    copy.then(
      () => setState('copied'),
      () => setState('failed'),
    );
    timer.current = setTimeout(() => setState('idle'), COPIED_FOR_MS);
  }

  return (
    <Field label={label} hint={hint}>
      {(control) => (
        <div className="flex gap-2">
          <Input
            {...control}
            readOnly
            value={value}
            className="font-mono text-xs"
            onFocus={(event) => event.currentTarget.select()}
          />
          <Button variant="secondary" onClick={handleCopy} disabled={value === ''} aria-label={t('channel.copy', { label })}>
            {state === 'copied' ? t('channel.copied') : state === 'failed' ? t('channel.copyFailed') : t('channel.copyShort')}
          </Button>
          <span role="status" className="sr-only">
            {state === 'copied' ? t('channel.copied') : state === 'failed' ? t('channel.copyFailed') : ''}
          </span>
        </div>
      )}
    </Field>
  );
}
