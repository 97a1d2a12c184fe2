import type { Locator, Page } from '@playwright/test';

export class NotFoundPage {
  readonly heading: Locator;
  readonly backLink: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { level: 1, name: 'Page not found' });
    this.backLink = page.getByRole('link', { name: 'Go to the dashboard' });
  }

  async goto(path: string): Promise<void> {
    await this.page.goto(path);
  }
}
