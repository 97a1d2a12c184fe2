import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useBulkDeleteProducts, useBulkUpdateProducts, type ProductStatus } from '../api/products';

type BulkActionsProps = {
  workspaceId: string;
  /** The selected products. */
  ids: string[];
  /** Called after a successful action, to clear the selection. */
  onDone: () => void;
};

/** Activate, deactivate or delete the selected products at once. */
export function BulkActions({ workspaceId, ids, onDone }: BulkActionsProps) {
  const { t } = useTranslation();
  const update = useBulkUpdateProducts(workspaceId);
  const remove = useBulkDeleteProducts(workspaceId);
  const busy = update.isPending || remove.isPending;
  const count = ids.length;

  function handleStatus(status: ProductStatus) {
    remove.reset();
    update.mutate({ ids, changes: { status } }, { onSuccess: onDone });
  }

  function handleDelete() {
    update.reset();
    remove.mutate(ids, { onSuccess: onDone });
  }

  return (
    <div
      role="region"
      aria-label={t('products.bulk.label')}
      className="flex flex-col gap-3 border-b border-slate-100 bg-slate-50 px-5 py-3"
    >
      {update.isError && <ProblemAlert error={update.error} message={t('products.bulk.updateFailed')} />}
      {remove.isError && <ProblemAlert error={remove.error} message={t('products.bulk.deleteFailed')} />}
      <div className="flex flex-wrap items-center gap-2">
        <span className="mr-2 text-sm font-medium text-slate-700">{t('products.bulk.selected', { n: count })}</span>
        <Button variant="secondary" size="sm" disabled={busy} onClick={() => handleStatus('active')}>
          {t('products.bulk.activate')}
        </Button>
        <Button variant="secondary" size="sm" disabled={busy} onClick={() => handleStatus('inactive')}>
          {t('products.bulk.deactivate')}
        </Button>
        <ConfirmDialog
          trigger={
            <Button variant="danger-outline" size="sm" disabled={busy}>
              {t('products.bulk.delete')}
            </Button>
          }
          title={t('products.bulk.deleteTitle', { n: count })}
          description={t('products.bulk.deleteDescription')}
          confirmLabel={t('products.bulk.delete')}
          cancelLabel={t('common.cancel')}
          onConfirm={handleDelete}
          destructive
        />
        <Button variant="ghost" size="sm" disabled={busy} onClick={onDone}>
          {t('products.bulk.clear')}
        </Button>
      </div>
    </div>
  );
}
