import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { useProduct } from '@/features/products/api/products';

type SelectedProductProps = {
  workspaceId: string;
  id: string;
  onRemove?: (id: string) => void;
};

function SelectedProduct({ workspaceId, id, onRemove }: SelectedProductProps) {
  const { t } = useTranslation();
  const product = useProduct(workspaceId, id);
  const name = product.data?.name ?? (product.isError ? t('offers.form.unknownProduct') : '…');
  return (
    <li className="flex items-center gap-1 rounded-full bg-slate-100 py-0.5 pr-1 pl-3 text-sm text-slate-800">
      {name}
      {onRemove && (
        <Button
          variant="ghost"
          size="sm"
          className="h-6 rounded-full px-2"
          aria-label={t('offers.form.removeProduct', { name })}
          onClick={() => onRemove(id)}
        >
          ✕
        </Button>
      )}
    </li>
  );
}

type SelectedProductsProps = {
  workspaceId: string;
  ids: readonly string[];
  onRemove?: (id: string) => void;
};

/** The products an offer covers, by name; each can be taken off. */
export function SelectedProducts({ workspaceId, ids, onRemove }: SelectedProductsProps) {
  const { t } = useTranslation();
  if (ids.length === 0) return <p className="text-sm text-slate-500">{t('offers.form.noProducts')}</p>;
  return (
    <ul aria-label={t('offers.form.selectedProducts')} className="flex flex-wrap gap-2">
      {ids.map((id) => (
        <SelectedProduct key={id} workspaceId={workspaceId} id={id} onRemove={onRemove} />
      ))}
    </ul>
  );
}
