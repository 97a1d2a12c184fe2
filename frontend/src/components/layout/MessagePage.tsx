import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type MessagePageProps = {
  code?: string;
  title: string;
  description: string;
  action?: ReactNode;
};

/** A centred message in place of a page: not found, not allowed... */
export function MessagePage({ code, title, description, action }: MessagePageProps) {
  const { t } = useTranslation();
  return (
    <div className="flex flex-col items-center gap-3 py-20 text-center">
      <title>{`${title} · ${t('app.name')}`}</title>
      {code && <p className="text-5xl font-bold text-brand-600">{code}</p>}
      <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{title}</h1>
      <p className="max-w-md text-sm text-slate-600">{description}</p>
      {action && <div className="mt-2">{action}</div>}
    </div>
  );
}
