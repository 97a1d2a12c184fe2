import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';
import { controlClassName } from './input';

/** A styled native select: accessible, keyboard-friendly and form-friendly out of the box. */
export function Select({ className, ...props }: ComponentProps<'select'>) {
  return <select className={cn(controlClassName, 'pr-8', className)} {...props} />;
}
