export type Language = 'en' | 'it' | 'es' | 'pt';

export type LanguageOption = {
  code: Language;
  /** Short label shown in the switcher. */
  short: string;
  /** Endonym: the language's name in that language. */
  name: string;
};

export const LANGUAGES: readonly LanguageOption[] = [
  { code: 'en', short: 'EN', name: 'English' },
  { code: 'it', short: 'IT', name: 'Italiano' },
  { code: 'es', short: 'ES', name: 'Español' },
  { code: 'pt', short: 'PT', name: 'Português' },
];

export const DEFAULT_LANGUAGE: Language = 'en';
export const LANGUAGE_STORAGE_KEY = 'shopme.language';

export function isLanguage(value: unknown): value is Language {
  return LANGUAGES.some((language) => language.code === value);
}

/** Maps a BCP 47 tag such as `pt-BR` to a supported language, if any. */
export function matchLanguage(tag: string | null | undefined): Language | undefined {
  const primary = tag?.split('-')[0]?.toLowerCase();
  return isLanguage(primary) ? primary : undefined;
}

function readStoredLanguage(): Language | undefined {
  try {
    return matchLanguage(window.localStorage.getItem(LANGUAGE_STORAGE_KEY));
  } catch {
    return undefined;
  }
}

export function storeLanguage(language: Language): void {
  try {
    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, language);
  } catch {
    // Storage can be unavailable (private mode, disabled cookies): the choice just won't persist.
  }
}

/** Stored choice first, then the browser's preferred languages, then English. */
export function detectLanguage(): Language {
  const stored = readStoredLanguage();
  if (stored) return stored;
  for (const tag of navigator.languages ?? [navigator.language]) {
    const match = matchLanguage(tag);
    if (match) return match;
  }
  return DEFAULT_LANGUAGE;
}
