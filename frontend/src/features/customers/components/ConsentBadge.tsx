import { useTranslation } from 'react-i18next';
import { Badge } from '@/components/ui/badge';
import { formatDate } from '@/lib/format';
import type { Customer } from '../api/customers';

/** The privacy consent the platform recorded: when and which version, or none. */
export function ConsentBadge({ consent }: { consent: Customer['gdprConsent'] }) {
  const { t, i18n } = useTranslation();
  if (!consent.givenAt) {
    return (
      <Badge tone="warning" dot>
        {t('customers.consent.none')}
      </Badge>
    );
  }
  const date = formatDate(consent.givenAt, i18n.resolvedLanguage ?? 'en');
  return (
    <Badge tone="success" dot>
      {consent.version
        ? t('customers.consent.givenVersion', { date, version: consent.version })
        : t('customers.consent.given', { date })}
    </Badge>
  );
}
