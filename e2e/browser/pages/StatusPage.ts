import type { Locator, Page } from '@playwright/test';
import { AppShell } from './AppShell';

export type StatusPageText = {
  title: string;
  overall: string;
  server: string;
  checks: string;
};

export const STATUS_TEXT_EN: StatusPageText = {
  title: 'System status',
  overall: 'Overall status',
  server: 'Server',
  checks: 'Checks',
};

export class StatusPage {
  readonly shell: AppShell;

  constructor(
    readonly page: Page,
    private readonly text: StatusPageText = STATUS_TEXT_EN,
  ) {
    this.shell = new AppShell(page);
  }

  async goto(path = '/status'): Promise<void> {
    await this.page.goto(path);
  }

  inLanguage(text: StatusPageText): StatusPage {
    return new StatusPage(this.page, text);
  }

  get heading(): Locator {
    return this.page.getByRole('heading', { level: 1, name: this.text.title });
  }

  get overallStatus(): Locator {
    return this.page.getByRole('region', { name: this.text.overall });
  }

  get checks(): Locator {
    return this.page.getByRole('region', { name: this.text.checks });
  }

  get server(): Locator {
    return this.page.getByRole('region', { name: this.text.server });
  }

  /** Exact match, so that "Ready" does not also match "Not ready". */
  overallState(label: string): Locator {
    return this.overallStatus.getByText(label, { exact: true });
  }
}
