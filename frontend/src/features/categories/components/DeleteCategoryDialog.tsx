import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from '@/components/ui/dialog';
import { Select } from '@/components/ui/select';
import { isApiError } from '@/lib/api';
import { useDeleteCategory, type Category } from '../api/categories';
import { categoryOptions, subtreeIds } from '../categoryTree';

type Step = 'confirm' | 'choose';
type Choice = 'move' | 'detach';

type DeleteCategoryDialogProps = {
  workspaceId: string;
  category: Category;
  categories: readonly Category[];
};

/**
 * Deletes a category. One that still holds products or sub-categories is refused (409): the
 * dialog then asks whether to move them to another category or to detach them.
 */
export function DeleteCategoryDialog({ workspaceId, category, categories }: DeleteCategoryDialogProps) {
  const { t } = useTranslation();
  const choiceName = useId();
  const targetId = useId();
  const remove = useDeleteCategory(workspaceId);
  const [open, setOpen] = useState(false);
  const [step, setStep] = useState<Step>('confirm');
  const [choice, setChoice] = useState<Choice>('move');
  const targets = categoryOptions(categories, subtreeIds(categories, category.id));
  const [target, setTarget] = useState('');
  const moveTo = target || targets[0]?.id || '';
  const subcategories = categories.filter((candidate) => candidate.parentId === category.id).length;

  function handleOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setStep('confirm');
      setChoice('move');
      setTarget('');
      remove.reset();
    }
  }

  function handleDelete() {
    const deletion =
      step === 'confirm'
        ? { id: category.id }
        : choice === 'move'
          ? { id: category.id, moveProductsTo: moveTo }
          : { id: category.id, detachProducts: true };
    remove.mutate(deletion, {
      onSuccess: () => handleOpenChange(false),
      onError: (error) => {
        if (isApiError(error) && error.status === 409 && step === 'confirm') {
          setStep('choose');
          setChoice(targets.length > 0 ? 'move' : 'detach');
          remove.reset();
        }
      },
    });
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="sm" aria-label={t('categories.delete.label', { name: category.name })}>
          {t('categories.delete.button')}
        </Button>
      </DialogTrigger>
      <DialogContent
        title={t('categories.delete.title', { name: category.name })}
        description={step === 'confirm' ? t('categories.delete.description') : t('categories.delete.notEmpty')}
      >
        {step === 'choose' && (
          <fieldset className="flex flex-col gap-3">
            <legend className="sr-only">{t('categories.delete.choose')}</legend>
            <Alert tone="warning">
              {t('categories.delete.holds', { products: category.productCount, subcategories })}
            </Alert>
            <label className="flex items-start gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={choiceName}
                className="mt-0.5 accent-brand-600"
                checked={choice === 'move'}
                disabled={targets.length === 0}
                onChange={() => setChoice('move')}
              />
              {t('categories.delete.move')}
            </label>
            <div className="ml-6 flex flex-col gap-1.5">
              <label htmlFor={targetId} className="sr-only">
                {t('categories.delete.target')}
              </label>
              <Select
                id={targetId}
                value={moveTo}
                disabled={choice !== 'move' || targets.length === 0}
                onChange={(event) => setTarget(event.target.value)}
              >
                {targets.map((option) => (
                  <option key={option.id} value={option.id}>
                    {option.label}
                  </option>
                ))}
              </Select>
            </div>
            <label className="flex items-start gap-2 text-sm text-slate-800">
              <input
                type="radio"
                name={choiceName}
                className="mt-0.5 accent-brand-600"
                checked={choice === 'detach'}
                onChange={() => setChoice('detach')}
              />
              {t('categories.delete.detach')}
            </label>
          </fieldset>
        )}
        {remove.isError && <ProblemAlert error={remove.error} message={t('categories.delete.failed')} />}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">{t('common.cancel')}</Button>
          </DialogClose>
          <Button variant="danger" disabled={remove.isPending} onClick={handleDelete}>
            {step === 'confirm' ? t('categories.delete.confirm') : t('categories.delete.confirmWithChoice')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
