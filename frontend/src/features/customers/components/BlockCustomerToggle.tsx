import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Button } from '@/components/ui/button';
import { Dialog, DialogClose, DialogContent, DialogFooter, DialogTrigger } from '@/components/ui/dialog';
import { Textarea } from '@/components/ui/textarea';
import { useUpdateCustomer, type Customer } from '../api/customers';

const REASON_MAX = 500;

type BlockCustomerToggleProps = {
  workspaceId: string;
  customer: Customer;
};

/** Blocks a customer (ShopMe stops serving them) with a reason for the team, or unblocks them. */
export function BlockCustomerToggle({ workspaceId, customer }: BlockCustomerToggleProps) {
  const { t } = useTranslation();
  const reasonId = useId();
  const update = useUpdateCustomer(workspaceId, customer.id);
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');

  function handleOpenChange(next: boolean) {
    setOpen(next);
    if (!next) {
      setReason('');
      update.reset();
    }
  }

  function handleBlock() {
    update.mutate({ blocked: true, blockedReason: reason.trim() }, { onSuccess: () => handleOpenChange(false) });
  }

  function handleUnblock() {
    update.mutate({ blocked: false });
  }

  if (customer.blocked) {
    return (
      <div className="flex flex-col items-end gap-2">
        <Button variant="secondary" disabled={update.isPending} onClick={handleUnblock}>
          {t('customers.block.unblock')}
        </Button>
        {update.isError && <ProblemAlert error={update.error} message={t('customers.block.failed')} />}
      </div>
    );
  }

  return (
    <Dialog open={open} onOpenChange={handleOpenChange}>
      <DialogTrigger asChild>
        <Button variant="danger-outline">{t('customers.block.block')}</Button>
      </DialogTrigger>
      <DialogContent
        title={t('customers.block.title', { name: customer.name })}
        description={t('customers.block.description')}
      >
        <div className="flex flex-col gap-1.5">
          <label htmlFor={reasonId} className="text-sm font-medium text-slate-800">
            {t('customers.block.reason')}
          </label>
          <Textarea
            id={reasonId}
            rows={3}
            maxLength={REASON_MAX}
            value={reason}
            onChange={(event) => setReason(event.target.value)}
          />
          <p className="text-xs text-slate-500">{t('customers.block.reasonHint')}</p>
        </div>
        {update.isError && <ProblemAlert error={update.error} message={t('customers.block.failed')} />}
        <DialogFooter>
          <DialogClose asChild>
            <Button variant="secondary">{t('common.cancel')}</Button>
          </DialogClose>
          <Button variant="danger" disabled={update.isPending} onClick={handleBlock}>
            {t('customers.block.confirm')}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
