import { configure } from '@testing-library/react';
import '@testing-library/jest-dom/vitest';
import { i18n } from '@/i18n/i18n';

beforeEach(async () => {
  window.localStorage.clear();
  await i18n.changeLanguage('en');
  window.localStorage.clear();
});

// Pages are lazy-loaded: the first visit to a page transforms its module, which takes a while on slow machines.
configure({ asyncUtilTimeout: 5_000 });
