import { useEffect, useRef, useState, type ChangeEvent, type ComponentProps } from 'react';
import { Input } from '@/components/ui/input';

type DebouncedInputProps = Omit<ComponentProps<'input'>, 'value' | 'defaultValue' | 'onChange'> & {
  /** The committed value; a change from outside (e.g. "clear filters") replaces what is typed. */
  value: string;
  /** Called once typing pauses for `delay` milliseconds. */
  onValueChange: (value: string) => void;
  delay?: number;
};

/** A text input that reports its value only when typing pauses: for search boxes and filters. */
export function DebouncedInput({ value, onValueChange, delay = 300, ...props }: DebouncedInputProps) {
  const [text, setText] = useState(value);
  const [committed, setCommitted] = useState(value);
  const timer = useRef<number | undefined>(undefined);
  // The timer calls the callback of the latest render: an older one may hold stale state
  // (e.g. URL parameters changed by another filter in the meantime).
  const latestOnValueChange = useRef(onValueChange);

  if (value !== committed) {
    setCommitted(value);
    setText(value);
  }

  useEffect(() => {
    latestOnValueChange.current = onValueChange;
  });

  useEffect(() => () => window.clearTimeout(timer.current), []);

  function handleChange(event: ChangeEvent<HTMLInputElement>) {
    const next = event.target.value;
    setText(next);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(() => {
      setCommitted(next);
      latestOnValueChange.current(next);
    }, delay);
  }

  return <Input {...props} value={text} onChange={handleChange} />;
}
