import { useTranslation } from 'react-i18next';
import { ToggleGroup, ToggleGroupItem } from '@/components/ui/toggle-group';
import { DEFAULT_LANGUAGE, isLanguage, LANGUAGES } from '@/i18n/languages';

export function LanguageSwitcher() {
  const { t, i18n } = useTranslation();
  const current = isLanguage(i18n.resolvedLanguage) ? i18n.resolvedLanguage : DEFAULT_LANGUAGE;

  function handleLanguageChange(next: string) {
    if (isLanguage(next)) void i18n.changeLanguage(next);
  }

  return (
    <ToggleGroup aria-label={t('language.label')} value={current} onValueChange={handleLanguageChange}>
      {LANGUAGES.map((language) => (
        <ToggleGroupItem
          key={language.code}
          value={language.code}
          aria-label={language.name}
          title={language.name}
          lang={language.code}
        >
          {language.short}
        </ToggleGroupItem>
      ))}
    </ToggleGroup>
  );
}
