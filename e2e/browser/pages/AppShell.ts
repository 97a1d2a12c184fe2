import type { Locator, Page } from '@playwright/test';

export type LanguageName = 'English' | 'Italiano' | 'Español' | 'Português';

/** The layout around every page: header with the product name and language switcher, and the sidebar. */
export class AppShell {
  readonly banner: Locator;
  readonly productName: Locator;
  readonly languageSwitcher: Locator;
  readonly navigation: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner');
    this.productName = this.banner.getByText('ShopMe', { exact: true });
    this.languageSwitcher = this.banner.getByRole('radiogroup');
    this.navigation = page.getByRole('navigation').first();
  }

  languageOption(name: LanguageName): Locator {
    return this.languageSwitcher.getByRole('radio', { name });
  }

  async switchLanguage(name: LanguageName): Promise<void> {
    await this.languageOption(name).click();
  }

  navLink(name: string | RegExp): Locator {
    return this.navigation.getByRole('link', { name });
  }
}
