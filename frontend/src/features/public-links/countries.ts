/**
 * Countries offered for the shipping address (ISO 3166-1 alpha-2): the shops' home markets first
 * in mind, then the rest of Europe and the countries their customers most often live in. Names
 * come from `Intl.DisplayNames` in the page's language.
 */
export const COUNTRY_CODES = [
  'IT', 'ES', 'PT', 'GB', 'FR', 'DE', 'US', 'CH', 'AT', 'BE', 'NL', 'LU', 'IE', 'MT', 'SM', 'VA', 'MC',
  'AD', 'GR', 'CY', 'SI', 'HR', 'PL', 'CZ', 'SK', 'HU', 'RO', 'BG', 'DK', 'SE', 'NO', 'FI', 'IS', 'EE',
  'LV', 'LT', 'AL', 'RS', 'UA', 'TR', 'MA', 'CA', 'MX', 'BR', 'AR', 'CL', 'CO', 'PE', 'UY', 'VE', 'AU',
  'NZ', 'JP', 'CN', 'IN', 'AE', 'IL', 'ZA', 'AO', 'MZ', 'CV',
] as const;

export type CountryOption = { code: string; name: string };

/** The countries named in `language`, in that language's alphabetical order. */
export function countryOptions(language: string): CountryOption[] {
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames([language], { type: 'region' });
  } catch {
    names = undefined;
  }
  const collator = new Intl.Collator(language);
  return COUNTRY_CODES.map((code) => ({ code, name: names?.of(code) ?? code })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
}

/** Where a shop whose default language is `language` most likely ships: its own country. */
export function defaultCountry(language: string | undefined): string {
  switch (language) {
    case 'it':
      return 'IT';
    case 'es':
      return 'ES';
    case 'pt':
      return 'PT';
    default:
      return '';
  }
}
