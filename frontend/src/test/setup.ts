import '@testing-library/jest-dom/vitest';
import { i18n } from '@/i18n/i18n';

beforeEach(async () => {
  window.localStorage.clear();
  await i18n.changeLanguage('en');
  window.localStorage.clear();
});
