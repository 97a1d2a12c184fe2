/** "1 December 2026 at 11:00", without seconds; the input unchanged when it is not a date. */
export function formatLongDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(date);
}

/** "Italy" for `IT` in English, "Italia" in Italian; the code itself when the browser cannot name it. */
export function countryName(code: string, locale: string): string {
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** 22 → "22%" (or "22 %", as `locale` writes it); 4.5 → "4.5%". */
export function formatTaxRate(percent: number, locale: string): string {
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 2 }).format(percent / 100);
}
