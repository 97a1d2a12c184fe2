import { screen, within } from '@testing-library/react';
import { LANGUAGE_STORAGE_KEY } from '@/i18n/languages';
import { mockFetch } from '@/test/fetchMock';
import { renderRoute } from '@/test/render';

describe('LanguageSwitcher', () => {
  it('offers the four languages with English selected by default', async () => {
    mockFetch({});
    renderRoute('/status');

    const group = await screen.findByRole('radiogroup', { name: 'Language' });
    const options = within(group).getAllByRole('radio');
    expect(options.map((option) => option.textContent)).toEqual(['EN', 'IT', 'ES', 'PT']);
    expect(within(group).getByRole('radio', { name: 'English' })).toHaveAttribute('aria-checked', 'true');
    expect(document.documentElement.lang).toBe('en');
  });

  it('switches the interface language, persists the choice and sets <html lang>', async () => {
    mockFetch({});
    const { user } = renderRoute('/status');
    await screen.findByRole('heading', { level: 1, name: 'System status' });

    await user.click(screen.getByRole('radio', { name: 'Italiano' }));

    expect(await screen.findByRole('heading', { level: 1, name: 'Stato del sistema' })).toBeInTheDocument();
    expect(screen.getByRole('radiogroup', { name: 'Lingua' })).toBeInTheDocument();
    expect(screen.getByRole('radio', { name: 'Italiano' })).toHaveAttribute('aria-checked', 'true');
    expect(window.localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('it');
    expect(document.documentElement.lang).toBe('it');

    await user.click(screen.getByRole('radio', { name: 'Español' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Estado del sistema' })).toBeInTheDocument();
    expect(document.documentElement.lang).toBe('es');
  });

  it('keeps the current language when the active option is pressed again', async () => {
    mockFetch({});
    const { user } = renderRoute('/status');

    await user.click(await screen.findByRole('radio', { name: 'English' }));

    expect(screen.getByRole('radio', { name: 'English' })).toHaveAttribute('aria-checked', 'true');
    expect(screen.getByRole('heading', { level: 1, name: 'System status' })).toBeInTheDocument();
  });
});
