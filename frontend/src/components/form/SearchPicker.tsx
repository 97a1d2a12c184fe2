import { useId, type ReactNode } from 'react';
import { DebouncedInput } from '@/components/form/DebouncedInput';
import { Button } from '@/components/ui/button';

type SearchPickerProps<T> = {
  label: string;
  placeholder: string;
  /** Names the list of matches. */
  resultsLabel: string;
  noResults: string;
  query: string;
  onQueryChange: (query: string) => void;
  /** The matches of `query`; undefined while none have arrived. */
  results: readonly T[] | undefined;
  itemKey: (item: T) => string;
  /** What a match shows: its name and a detail or two. */
  renderItem: (item: T) => ReactNode;
  /** The accessible name of the button that picks `item`, e.g. "Choose Giulia Bianchi". */
  pickLabel: (item: T) => string;
  /** The button's visible text. */
  pickText: string;
  onPick: (item: T) => void;
  /** Already translated. */
  error?: string;
  disabled?: boolean;
};

/** A search box whose matches are offered with a button each: for choosing a customer, a product… */
export function SearchPicker<T>({
  label,
  placeholder,
  resultsLabel,
  noResults,
  query,
  onQueryChange,
  results,
  itemKey,
  renderItem,
  pickLabel,
  pickText,
  onPick,
  error,
  disabled = false,
}: SearchPickerProps<T>) {
  const inputId = useId();
  const resultsId = useId();
  const errorId = useId();
  const searching = query.trim() !== '';

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <DebouncedInput
        id={inputId}
        type="search"
        placeholder={placeholder}
        value={query}
        onValueChange={onQueryChange}
        aria-controls={resultsId}
        aria-invalid={Boolean(error)}
        aria-describedby={error ? errorId : undefined}
        disabled={disabled}
      />
      {error && (
        <p id={errorId} className="text-xs font-medium text-red-700">
          {error}
        </p>
      )}
      <div id={resultsId} aria-live="polite">
        {searching && results && results.length === 0 && <p className="py-1 text-xs text-slate-500">{noResults}</p>}
        {searching && results && results.length > 0 && (
          <ul aria-label={resultsLabel} className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200">
            {results.map((item) => (
              <li key={itemKey(item)} className="flex items-center justify-between gap-3 px-3 py-1.5 text-sm">
                <span className="min-w-0">{renderItem(item)}</span>
                <Button variant="secondary" size="sm" aria-label={pickLabel(item)} onClick={() => onPick(item)}>
                  {pickText}
                </Button>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
