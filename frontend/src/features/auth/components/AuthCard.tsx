import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type AuthCardProps = {
  title: string;
  description?: ReactNode;
  children: ReactNode;
  footer?: ReactNode;
};

/** The narrow centred card of the sign-in, password and invitation pages. */
export function AuthCard({ title, description, children, footer }: AuthCardProps) {
  const { t } = useTranslation();
  return (
    <div className="mx-auto flex w-full max-w-md flex-col gap-4 py-6 md:py-12">
      <title>{`${title} · ${t('app.name')}`}</title>
      <section className="flex flex-col gap-5 rounded-xl border border-slate-200 bg-white p-6 shadow-sm md:p-8">
        <div className="flex flex-col gap-1.5">
          <h1 className="text-xl font-semibold tracking-tight text-slate-900">{title}</h1>
          {description && <div className="text-sm text-slate-600">{description}</div>}
        </div>
        {children}
      </section>
      {footer && <div className="text-center text-sm text-slate-600">{footer}</div>}
    </div>
  );
}
