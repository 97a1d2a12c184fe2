import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';

type PaginationProps = {
  /** Names the navigation landmark, e.g. "Product pages". */
  label: string;
  page: number;
  limit: number;
  total: number;
  onPageChange: (page: number) => void;
};

/** The total, "Page 2 of 5" and previous/next buttons under a paged list. */
export function Pagination({ label, page, limit, total, onPageChange }: PaginationProps) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(total / limit));

  return (
    <nav
      aria-label={label}
      className="flex flex-wrap items-center justify-between gap-3 border-t border-slate-100 px-5 py-3 text-sm text-slate-600"
    >
      <span>{t('list.total', { total })}</span>
      <div className="flex items-center gap-3">
        <Button variant="secondary" size="sm" disabled={page <= 1} onClick={() => onPageChange(page - 1)}>
          {t('list.previous')}
        </Button>
        <span>{t('list.pageOf', { page, pages })}</span>
        <Button variant="secondary" size="sm" disabled={page >= pages} onClick={() => onPageChange(page + 1)}>
          {t('list.next')}
        </Button>
      </div>
    </nav>
  );
}
