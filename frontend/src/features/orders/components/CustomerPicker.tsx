import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SearchPicker } from '@/components/form/SearchPicker';
import { useCustomers, type Customer } from '@/features/customers/api/customers';

const MATCHES = 8;

type CustomerPickerProps = {
  workspaceId: string;
  onPick: (customer: Customer) => void;
  error?: string;
};

/** Finds a customer by name, phone or email. */
export function CustomerPicker({ workspaceId, onPick, error }: CustomerPickerProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const search = query.trim();
  const customers = useCustomers(workspaceId, { search, page: 1, limit: MATCHES }, { enabled: search !== '' });

  return (
    <SearchPicker
      label={t('orders.new.customer.search')}
      placeholder={t('orders.new.customer.placeholder')}
      resultsLabel={t('orders.new.customer.results')}
      noResults={t('orders.new.customer.noResults')}
      query={query}
      onQueryChange={setQuery}
      results={customers.data?.items}
      itemKey={(customer) => customer.id}
      renderItem={(customer) => (
        <>
          <span className="block truncate font-medium text-slate-900">{customer.name}</span>
          <span className="block truncate text-xs text-slate-500">
            {[customer.phone, customer.email].filter(Boolean).join(' · ')}
          </span>
        </>
      )}
      pickLabel={(customer) => t('orders.new.customer.choose', { name: customer.name })}
      pickText={t('orders.new.customer.chooseShort')}
      onPick={onPick}
      error={error}
    />
  );
}
