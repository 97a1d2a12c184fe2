import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export function Alert({ className, ...props }: ComponentProps<'div'>) {
  return (
    <div
      role="alert"
      className={cn('rounded-lg border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-900', className)}
      {...props}
    />
  );
}
