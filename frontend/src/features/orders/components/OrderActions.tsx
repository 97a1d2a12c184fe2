import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field } from '@/components/ui/field';
import { Textarea } from '@/components/ui/textarea';
import { can, type Role } from '@/features/auth/permissions';
import { NEXT_STATUSES, transitionPermission, useChangeOrderStatus, type Order, type TargetStatus } from '../api/orders';

const NOTE_MAX_LENGTH = 1000;

/** The steps `role` may take from the order's status, in the domain's order. */
function allowedTransitions(order: Pick<Order, 'status'>, role: Role | undefined): TargetStatus[] {
  return NEXT_STATUSES[order.status].filter((to) => can(role, transitionPermission(to)));
}

type OrderActionsProps = {
  workspaceId: string;
  order: Order;
  role: Role | undefined;
};

/** Moves the order to its next status, with an optional note and message to the customer; cancelling asks first. */
export function OrderActions({ workspaceId, order, role }: OrderActionsProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const [note, setNote] = useState('');
  const [notifyCustomer, setNotifyCustomer] = useState(false);
  const change = useChangeOrderStatus(workspaceId, order.id);
  const transitions = allowedTransitions(order, role);

  const done = change.isSuccess && !change.isPending && (
    <Alert tone="success">{t('orders.actions.done', { status: t(`orders.statuses.${change.data.status}`) })}</Alert>
  );
  // The last step (delivered, cancelled) leaves nothing to do but its confirmation.
  if (transitions.length === 0) return done || null;

  function move(status: TargetStatus) {
    change.mutate(
      { status, note: note.trim(), notifyCustomer },
      {
        onSuccess: () => {
          setNote('');
          setNotifyCustomer(false);
        },
      },
    );
  }

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('orders.actions.title')}</CardTitle>
        <CardDescription>{t('orders.actions.description')}</CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-4">
        <Field label={t('orders.actions.note')} hint={t('orders.actions.noteHint')}>
          {(control) => (
            <Textarea
              {...control}
              rows={2}
              maxLength={NOTE_MAX_LENGTH}
              value={note}
              onChange={(event) => setNote(event.target.value)}
            />
          )}
        </Field>
        <Checkbox
          label={t('orders.actions.notify')}
          checked={notifyCustomer}
          onChange={(event) => setNotifyCustomer(event.target.checked)}
        />
        {change.isError && <ProblemAlert error={change.error} message={t('orders.actions.failed')} />}
        {done}
        <div className="flex flex-wrap gap-2">
          {transitions.map((to) =>
            to === 'cancelled' ? (
              <ConfirmDialog
                key={to}
                trigger={
                  <Button variant="danger-outline" disabled={change.isPending}>
                    {t('orders.actions.to.cancelled')}
                  </Button>
                }
                title={t('orders.actions.cancelTitle', { code: order.code })}
                description={t('orders.actions.cancelDescription')}
                confirmLabel={t('orders.actions.to.cancelled')}
                cancelLabel={t('orders.actions.keep')}
                onConfirm={() => move('cancelled')}
                destructive
              />
            ) : (
              <Button
                key={to}
                variant={to === transitions[0] ? 'primary' : 'secondary'}
                disabled={change.isPending}
                onClick={() => move(to)}
              >
                {t(`orders.actions.to.${to}`)}
              </Button>
            ),
          )}
        </div>
      </CardContent>
    </Card>
  );
}
