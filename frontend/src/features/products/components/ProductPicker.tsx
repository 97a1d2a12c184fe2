import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DebouncedInput } from '@/components/form/DebouncedInput';
import { Button } from '@/components/ui/button';
import { formatMoney } from '@/lib/money';
import { useCatalogSearch, type SearchHit } from '../api/search';

type ProductPickerProps = {
  workspaceId: string;
  currency: string;
  /** Label of the search box, e.g. "Add a product". */
  label: string;
  /** Products already chosen: not offered again. */
  exclude?: ReadonlySet<string>;
  onPick: (hit: SearchHit) => void;
  disabled?: boolean;
};

/** Finds products by name (multilingual, typo-tolerant search) and hands the chosen one over. */
export function ProductPicker({ workspaceId, currency, label, exclude, onPick, disabled = false }: ProductPickerProps) {
  const { t, i18n } = useTranslation();
  const inputId = useId();
  const resultsId = useId();
  const [query, setQuery] = useState('');
  const search = useCatalogSearch(workspaceId, query, ['product']);
  const hits = (search.data ?? []).filter((hit) => !exclude?.has(hit.id));
  const locale = i18n.resolvedLanguage ?? 'en';

  function handlePick(hit: SearchHit) {
    setQuery('');
    onPick(hit);
  }

  return (
    <div className="flex flex-col gap-1.5">
      <label htmlFor={inputId} className="text-sm font-medium text-slate-800">
        {label}
      </label>
      <DebouncedInput
        id={inputId}
        type="search"
        placeholder={t('products.picker.placeholder')}
        value={query}
        onValueChange={setQuery}
        aria-controls={resultsId}
        disabled={disabled}
      />
      <div id={resultsId} aria-live="polite">
        {query.trim() !== '' && search.data && hits.length === 0 && (
          <p className="py-1 text-xs text-slate-500">{t('products.picker.noResults')}</p>
        )}
        {query.trim() !== '' && hits.length > 0 && (
          <ul aria-label={t('products.picker.results')} className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200">
            {hits.map((hit) => (
              <li key={hit.id} className="flex items-center justify-between gap-3 px-3 py-1.5 text-sm">
                <span className="min-w-0 truncate">{hit.title}</span>
                <span className="flex shrink-0 items-center gap-2">
                  {hit.price !== undefined && (
                    <span className="text-xs text-slate-500 tabular-nums">{formatMoney(hit.price, currency, locale)}</span>
                  )}
                  <Button
                    variant="secondary"
                    size="sm"
                    aria-label={t('products.picker.add', { name: hit.title })}
                    onClick={() => handlePick(hit)}
                  >
                    {t('products.picker.addShort')}
                  </Button>
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
