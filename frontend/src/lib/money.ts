/**
 * Money travels as an integer number of minor units of the workspace currency (1890 = €18.90).
 * People type and read it in currency units; these helpers convert between the two.
 */

/** Digits after the decimal separator in `currency` (2 for EUR, 0 for JPY). */
export function currencyDigits(currency: string): number {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
}

/** `1890`, `EUR`, `it` → `18,90 €`. */
export function formatMoney(minor: number, currency: string, locale: string): string {
  const value = minor / 10 ** currencyDigits(currency);
  try {
    return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(value);
  } catch {
    return `${value.toFixed(2)} ${currency}`;
  }
}

/**
 * `18.90` or `18,90` → `1890` (for EUR). Undefined when the text is not a plain non-negative
 * amount with at most the currency's number of decimals (no thousands separators).
 */
export function parseAmount(text: string, currency: string): number | undefined {
  const digits = currencyDigits(currency);
  const trimmed = text.trim();
  const pattern = digits === 0 ? /^\d{1,13}$/ : new RegExp(`^\\d{1,13}(?:[.,]\\d{0,${digits}})?$`);
  if (!pattern.test(trimmed)) return undefined;
  const [whole = '0', fraction = ''] = trimmed.split(/[.,]/);
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/** `1890` → `18.90`: the value of an amount input (no grouping, a dot as separator). */
export function amountInputValue(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  return (minor / 10 ** digits).toFixed(digits);
}
