import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { DEFAULT_LANGUAGE, detectLanguage, LANGUAGES, matchLanguage, storeLanguage } from './languages';
import { en } from './locales/en';
import { es } from './locales/es';
import { it } from './locales/it';
import { pt } from './locales/pt';

export const resources = {
  en: { translation: en },
  it: { translation: it },
  es: { translation: es },
  pt: { translation: pt },
} as const;

export const i18n = i18next.createInstance();

function handleLanguageChanged(lng: string): void {
  const language = matchLanguage(lng) ?? DEFAULT_LANGUAGE;
  document.documentElement.lang = language;
  storeLanguage(language);
}

void i18n.use(initReactI18next).init({
  resources,
  lng: detectLanguage(),
  fallbackLng: DEFAULT_LANGUAGE,
  supportedLngs: LANGUAGES.map((language) => language.code),
  defaultNS: 'translation',
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

document.documentElement.lang = i18n.resolvedLanguage ?? DEFAULT_LANGUAGE;
i18n.on('languageChanged', handleLanguageChanged);
