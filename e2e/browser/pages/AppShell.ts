import { expect, type Locator, type Page } from '@playwright/test';

export type LanguageName = 'English' | 'Italiano' | 'Español' | 'Português';

/**
 * The layout around every page: header with the product name, the workspace switcher and account
 * menu (once logged in) and the language switcher, and the workspace sidebar.
 */
export class AppShell {
  readonly banner: Locator;
  readonly productName: Locator;
  readonly languageSwitcher: Locator;
  readonly navigation: Locator;
  readonly workspaceSwitcher: Locator;
  readonly accountMenuButton: Locator;

  constructor(readonly page: Page) {
    this.banner = page.getByRole('banner');
    this.productName = this.banner.getByText('ShopMe', { exact: true });
    this.languageSwitcher = this.banner.getByRole('radiogroup');
    this.navigation = page.getByRole('navigation', { name: 'Main navigation' });
    this.workspaceSwitcher = this.banner.getByRole('button', { name: /^Current workspace:/ });
    this.accountMenuButton = this.banner.getByRole('button', { name: 'Account menu' });
  }

  languageOption(name: LanguageName): Locator {
    return this.languageSwitcher.getByRole('radio', { name });
  }

  async switchLanguage(name: LanguageName): Promise<void> {
    await this.languageOption(name).click();
  }

  navLink(name: string | RegExp): Locator {
    return this.navigation.getByRole('link', { name, exact: typeof name === 'string' });
  }

  /** The switcher's button names the current workspace. */
  currentWorkspace(name: string): Locator {
    return this.banner.getByRole('button', { name: `Current workspace: ${name}` });
  }

  async switchWorkspace(name: string): Promise<void> {
    await this.workspaceSwitcher.click();
    await this.page.getByRole('menuitemradio', { name: new RegExp(`^${escapeRegExp(name)}`) }).click();
    await expect(this.currentWorkspace(name)).toBeVisible();
  }

  /** Switches only when `name` is not already the current workspace. */
  async openWorkspace(name: string): Promise<void> {
    await expect(this.workspaceSwitcher).toBeVisible();
    if ((await this.currentWorkspace(name).count()) === 0) await this.switchWorkspace(name);
  }

  /** The id in `/w/<id>/…` of the current page. */
  workspaceId(): string {
    const match = /\/w\/([^/?#]+)/.exec(new URL(this.page.url()).pathname);
    if (!match?.[1]) throw new Error(`not on a workspace page: ${this.page.url()}`);
    return decodeURIComponent(match[1]);
  }

  async openAccountMenu(): Promise<Locator> {
    await this.accountMenuButton.click();
    const menu = this.page.getByRole('menu');
    await expect(menu).toBeVisible();
    return menu;
  }

  async logout(): Promise<void> {
    const menu = await this.openAccountMenu();
    await menu.getByRole('menuitem', { name: 'Log out' }).click();
    await expect(this.page).toHaveURL(/\/login$/);
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
