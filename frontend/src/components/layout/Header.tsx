import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { cn } from '@/lib/cn';
import { UserMenu } from '@/features/auth/components/UserMenu';
import { WorkspaceSwitcher } from '@/features/workspaces/components/WorkspaceSwitcher';
import { LanguageSwitcher } from './LanguageSwitcher';

type HeaderProps = {
  /** Logged-in pages also show the workspace switcher and the account menu. */
  authenticated?: boolean;
};

export function Header({ authenticated = false }: HeaderProps) {
  const { t } = useTranslation();

  return (
    <header className="sticky top-0 z-10 flex h-14 items-center gap-2 border-b border-slate-200 bg-white/90 px-4 backdrop-blur md:px-6">
      <Link to="/" className="flex shrink-0 items-center gap-2.5 rounded-md focus-visible:outline-2 focus-visible:outline-brand-600">
        <img src="/favicon.svg" alt="" className="size-7" />
        <span
          className={cn(
            'text-lg font-semibold tracking-tight text-slate-900',
            authenticated && 'sr-only sm:not-sr-only',
          )}
        >
          {t('app.name')}
        </span>
        {!authenticated && <span className="hidden text-sm text-slate-500 sm:inline">{t('app.tagline')}</span>}
      </Link>
      {authenticated && <WorkspaceSwitcher />}
      <div className="ml-auto flex shrink-0 items-center gap-2">
        <LanguageSwitcher />
        {authenticated && <UserMenu />}
      </div>
    </header>
  );
}
