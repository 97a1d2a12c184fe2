import type { ComponentProps, ReactNode } from 'react';
import { cn } from '@/lib/cn';

type CheckboxProps = Omit<ComponentProps<'input'>, 'type'> & {
  /** Visible label; without it, give the box an `aria-label`. */
  label?: ReactNode;
};

/** A native checkbox, optionally wrapped in its label. */
export function Checkbox({ className, label, ...props }: CheckboxProps) {
  const box = (
    <input
      type="checkbox"
      className={cn(
        'size-4 shrink-0 rounded border-slate-300 accent-brand-600 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 disabled:cursor-not-allowed',
        !label && className,
      )}
      {...props}
    />
  );
  if (!label) return box;
  return (
    <label className={cn('inline-flex items-center gap-2 text-sm text-slate-800', className)}>
      {box}
      {label}
    </label>
  );
}
