import { useId, type ComponentProps } from 'react';

type RadioCardProps = Omit<ComponentProps<'input'>, 'type'> & {
  value: string;
  label: string;
  hint: string;
};

/** One choice of a radio group as a bordered card: its label and a line that explains it. */
export function RadioCard({ label, hint, ...props }: RadioCardProps) {
  const labelId = useId();
  const hintId = useId();
  return (
    <label className="flex cursor-pointer items-start gap-3 rounded-lg border border-slate-200 p-3 has-checked:border-brand-600 has-checked:bg-brand-50">
      <input
        type="radio"
        aria-labelledby={labelId}
        aria-describedby={hintId}
        className="mt-0.5 size-4 shrink-0 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
        {...props}
      />
      <span className="flex flex-col gap-1">
        <span id={labelId} className="text-sm font-medium text-slate-900">
          {label}
        </span>
        <span id={hintId} className="text-xs text-slate-600">
          {hint}
        </span>
      </span>
    </label>
  );
}
