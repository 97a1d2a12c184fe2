import { detectLanguage, LANGUAGE_STORAGE_KEY, matchLanguage } from './languages';

describe('languages', () => {
  it('matches region tags to supported languages', () => {
    expect(matchLanguage('pt-BR')).toBe('pt');
    expect(matchLanguage('IT')).toBe('it');
    expect(matchLanguage('de-DE')).toBeUndefined();
    expect(matchLanguage(null)).toBeUndefined();
  });

  it('prefers the stored choice, then the browser languages, then English', () => {
    const languages = vi.spyOn(navigator, 'languages', 'get');

    languages.mockReturnValue(['de-DE', 'es-MX']);
    expect(detectLanguage()).toBe('es');

    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'pt');
    expect(detectLanguage()).toBe('pt');

    window.localStorage.setItem(LANGUAGE_STORAGE_KEY, 'xx');
    languages.mockReturnValue(['de-DE']);
    expect(detectLanguage()).toBe('en');
  });
});
