import { useTranslation } from 'react-i18next';
import { formatMoney } from '@/lib/money';
import type { Offer } from './api/offers';

/** "10% off", "€5.00 off", "Buy 2, get 1 free": what an offer gives, in one line. */
export function useDescribeOffer(currency: string | undefined): (offer: Offer) => string {
  const { t, i18n } = useTranslation();
  const locale = i18n.resolvedLanguage ?? 'en';
  return (offer) => {
    switch (offer.type) {
      case 'percentage':
        return t('offers.describe.percentage', { value: offer.value });
      case 'fixed_amount':
        return t('offers.describe.fixedAmount', { amount: currency ? formatMoney(offer.value, currency, locale) : offer.value });
      case 'buy_x_get_y':
        return t('offers.describe.buyXGetY', { buy: offer.buyQuantity ?? 0, get: offer.getQuantity ?? 0 });
    }
  };
}
