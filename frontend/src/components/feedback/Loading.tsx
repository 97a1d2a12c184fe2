import { useTranslation } from 'react-i18next';

/** "Loading…" in place of content that is on its way. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p aria-busy="true" className="text-sm text-slate-500">
      {t('common.loading')}
    </p>
  );
}
