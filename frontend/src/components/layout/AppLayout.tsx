import { useTranslation } from 'react-i18next';
import { Outlet, useNavigation } from 'react-router';
import { Header } from './Header';
import { Sidebar } from './Sidebar';

export function AppLayout() {
  const { t } = useTranslation();
  const navigation = useNavigation();

  return (
    <div className="flex min-h-dvh flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-white px-3 py-2 text-sm font-medium focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-20"
      >
        {t('app.skipToContent')}
      </a>
      <Header />
      <div className="flex flex-1 flex-col md:flex-row">
        <Sidebar />
        <main
          id="main"
          aria-busy={navigation.state === 'loading'}
          className="mx-auto w-full max-w-6xl flex-1 px-4 py-6 md:px-8 md:py-8"
        >
          <Outlet />
        </main>
      </div>
    </div>
  );
}
