import { cva, type VariantProps } from 'class-variance-authority';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

const badgeVariants = cva('inline-flex items-center gap-1.5 rounded-full px-2.5 py-0.5 text-xs font-medium ring-1 ring-inset', {
  variants: {
    tone: {
      success: 'bg-emerald-50 text-emerald-800 ring-emerald-600/20',
      danger: 'bg-red-50 text-red-800 ring-red-600/20',
      warning: 'bg-amber-50 text-amber-800 ring-amber-600/20',
      neutral: 'bg-slate-100 text-slate-700 ring-slate-500/20',
    },
  },
  defaultVariants: { tone: 'neutral' },
});

const dotTone = {
  success: 'bg-emerald-500',
  danger: 'bg-red-500',
  warning: 'bg-amber-500',
  neutral: 'bg-slate-400',
} as const;

export type BadgeProps = ComponentProps<'span'> & VariantProps<typeof badgeVariants> & { dot?: boolean };

export function Badge({ className, tone, dot = false, children, ...props }: BadgeProps) {
  return (
    <span className={cn(badgeVariants({ tone }), className)} {...props}>
      {dot && <span aria-hidden="true" className={cn('size-1.5 rounded-full', dotTone[tone ?? 'neutral'])} />}
      {children}
    </span>
  );
}
