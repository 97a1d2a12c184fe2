import { useTranslation } from 'react-i18next';
import { cn } from '@/lib/cn';
import type { LiveStatus } from '@/lib/live';

/** Whether the page is receiving updates as they happen, or catching up. */
export function LiveIndicator({ status }: { status: LiveStatus }) {
  const { t } = useTranslation();
  return (
    <span role="status" className="inline-flex items-center gap-1.5 text-xs font-medium text-slate-600">
      <span
        aria-hidden="true"
        className={cn(
          'size-2 rounded-full',
          status === 'open' ? 'bg-emerald-500' : status === 'reconnecting' ? 'bg-amber-500' : 'bg-slate-300',
        )}
      />
      {t(`live.${status}`)}
    </span>
  );
}
