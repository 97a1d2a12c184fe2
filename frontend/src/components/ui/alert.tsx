import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

const alertVariants = cva('rounded-lg border px-4 py-3 text-sm', {
  variants: {
    tone: {
      danger: 'border-red-200 bg-red-50 text-red-900',
      warning: 'border-amber-200 bg-amber-50 text-amber-900',
      success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
      info: 'border-slate-200 bg-slate-50 text-slate-800',
    },
  },
  defaultVariants: { tone: 'danger' },
});

export type AlertProps = ComponentProps<'div'> & VariantProps<typeof alertVariants>;

/** Errors interrupt screen readers (`alert`); other tones are announced politely (`status`). */
export function Alert({ className, tone, ...props }: AlertProps) {
  const urgent = (tone ?? 'danger') === 'danger';
  return <div role={urgent ? 'alert' : 'status'} className={cn(alertVariants({ tone }), className)} {...props} />;
}
