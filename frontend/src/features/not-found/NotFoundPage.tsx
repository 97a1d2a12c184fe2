import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { Button } from '@/components/ui/button';

export function NotFoundPage() {
  const { t } = useTranslation();

  return (
    <div className="flex flex-col items-center gap-3 py-20 text-center">
      <title>{`${t('notFound.title')} · ${t('app.name')}`}</title>
      <p className="text-5xl font-bold text-brand-600">{t('notFound.code')}</p>
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{t('notFound.title')}</h1>
      <p className="max-w-md text-sm text-slate-600">{t('notFound.description')}</p>
      <Button asChild className="mt-2">
        <Link to="/status">{t('notFound.back')}</Link>
      </Button>
    </div>
  );
}
