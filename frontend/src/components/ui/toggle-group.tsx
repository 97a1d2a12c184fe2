import * as ToggleGroupPrimitive from '@radix-ui/react-toggle-group';
import type { ComponentProps } from 'react';
import { cn } from '@/lib/cn';

export type ToggleGroupProps = Omit<
  ToggleGroupPrimitive.ToggleGroupSingleProps,
  'type' | 'value' | 'defaultValue' | 'onValueChange'
> & {
  value: string;
  onValueChange: (value: string) => void;
};

/** Single-choice segmented control; renders a radio group of toggle buttons. */
export function ToggleGroup({ className, value, onValueChange, ...props }: ToggleGroupProps) {
  // Radix reports '' when the active item is pressed again: keep the current choice instead.
  function handleValueChange(next: string) {
    if (next) onValueChange(next);
  }

  return (
    <ToggleGroupPrimitive.Root
      type="single"
      value={value}
      onValueChange={handleValueChange}
      className={cn('inline-flex rounded-md border border-slate-300 bg-white p-0.5', className)}
      {...props}
    />
  );
}

export function ToggleGroupItem({ className, ...props }: ComponentProps<typeof ToggleGroupPrimitive.Item>) {
  return (
    <ToggleGroupPrimitive.Item
      className={cn(
        'rounded px-2 py-1 text-xs font-semibold text-slate-600 transition-colors hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-600 data-[state=on]:bg-brand-600 data-[state=on]:text-white data-[state=on]:hover:bg-brand-700',
        className,
      )}
      {...props}
    />
  );
}
