import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { problemCode } from '@/lib/api';
import { formatDuration } from '@/lib/format';
import { unavailableReason, useCheckout, usePublicLink, type PaymentLink } from './api';
import { LinkUnavailable, PublicCard } from './components';
import { formatLongDateTime } from './format';
import { OrderSummary } from './OrderSummary';
import { useRateLimitText } from './rateLimit';
import { useNow } from './useNow';
import { usePageRestored } from './usePageRestored';

/** After the payment page sends the customer back, how often and how long to wait for the confirmation. */
export const CONFIRM_EVERY_MS = 2_000;
export const CONFIRM_FOR_MS = 30_000;

/** Where the payment page sends the customer back to: `?payment=success` or `?payment=cancelled`. */
type Outcome = 'success' | 'cancelled' | undefined;

function outcomeOf(value: string | null): Outcome {
  return value === 'success' || value === 'cancelled' ? value : undefined;
}

function TimeLeft({ expiresAt }: { expiresAt: string }) {
  const { t, i18n } = useTranslation();
  const now = useNow();
  const locale = i18n.resolvedLanguage ?? 'en';
  const seconds = Math.floor((Date.parse(expiresAt) - now) / 1000);
  return (
    <p className="text-sm text-slate-700">
      <span className="font-medium text-slate-900">
        {t('publicLinks.payment.timeLeft', { time: formatDuration(seconds, locale) })}
      </span>{' '}
      <span className="text-slate-500">{t('publicLinks.payment.payBy', { date: formatLongDateTime(expiresAt, locale) })}</span>
    </p>
  );
}

/**
 * A payment link: the order to pay, the time left and "Pay now", which goes to the payment page.
 * Back from it with `?payment=success`, the page waits for the payment's confirmation.
 */
export function PaymentView({ token, link }: { token: string; link: PaymentLink }) {
  const { t } = useTranslation();
  const rateLimitText = useRateLimitText();
  const [params] = useSearchParams();
  const outcome = outcomeOf(params.get('payment'));
  const { order } = link;
  const paid = order.paymentStatus === 'paid';
  const now = useNow(CONFIRM_EVERY_MS);
  const timeUp = order.paymentExpiresAt !== null && Date.parse(order.paymentExpiresAt) <= now;

  // Confirming: asked again every 2 seconds for up to 30; "Check again" starts another round.
  const confirming = outcome === 'success' && !paid;
  const [round, setRound] = useState(0);
  const [gaveUp, setGaveUp] = useState(false);
  useEffect(() => {
    if (!confirming) return undefined;
    const timer = setTimeout(() => setGaveUp(true), CONFIRM_FOR_MS);
    return () => clearTimeout(timer);
  }, [confirming, round]);
  const current = usePublicLink(token, { refetchInterval: confirming && !gaveUp ? CONFIRM_EVERY_MS : false });

  const checkout = useCheckout(token);
  usePageRestored(checkout.reset);
  const refused = problemCode(checkout.error) === 'order-not-payable';
  const payable = order.status === 'pending_payment' && !paid && !refused && !timeUp;

  function pay() {
    checkout.mutate(undefined, {
      onSuccess: ({ redirectUrl }) => window.location.assign(redirectUrl),
      // The order changed meanwhile (cancelled, expired…): show what it is now.
      onError: (error) => {
        if (problemCode(error) === 'order-not-payable') void current.refetch();
      },
    });
  }

  function checkAgain() {
    setGaveUp(false);
    setRound((value) => value + 1);
    void current.refetch();
  }

  const gone = unavailableReason(checkout.error);
  if (gone) return <LinkUnavailable reason={gone} focusTitle />;

  let state;
  if (paid) {
    state = <Alert tone="success">{t('publicLinks.payment.paid')}</Alert>;
  } else if (confirming && !gaveUp) {
    state = (
      <p role="status" aria-busy="true" className="rounded-lg border border-slate-200 bg-slate-50 px-4 py-3 text-sm text-slate-800">
        {t('publicLinks.payment.confirming')}
      </p>
    );
  } else if (confirming) {
    state = (
      <div className="flex flex-col gap-3">
        <Alert tone="info">{t('publicLinks.payment.stillConfirming')}</Alert>
        <Button variant="secondary" className="h-11 w-full text-base" onClick={checkAgain} disabled={current.isFetching}>
          {t('publicLinks.payment.checkAgain')}
        </Button>
      </div>
    );
  } else if (!payable) {
    state = (
      <Alert tone="warning">
        <p className="font-medium">{timeUp && !refused ? t('publicLinks.payment.timeUp') : t('publicLinks.payment.notPayable')}</p>
        <p>{t('publicLinks.payment.status', { status: t(`orders.statuses.${order.status}`) })}</p>
        <p>{t('publicLinks.payment.help')}</p>
      </Alert>
    );
  } else {
    const rateLimited = checkout.isError ? rateLimitText(checkout.error) : undefined;
    state = (
      <div className="flex flex-col gap-3">
        {outcome === 'cancelled' && <Alert tone="warning">{t('publicLinks.payment.cancelled')}</Alert>}
        {order.paymentExpiresAt && <TimeLeft expiresAt={order.paymentExpiresAt} />}
        {checkout.isError &&
          (rateLimited ? <Alert>{rateLimited}</Alert> : <ProblemAlert error={checkout.error} message={t('publicLinks.payment.failed')} />)}
        <Button className="h-11 w-full text-base" onClick={pay} disabled={checkout.isPending || checkout.isSuccess}>
          {checkout.isPending || checkout.isSuccess ? t('publicLinks.payment.opening') : t('publicLinks.payment.payNow')}
        </Button>
        <p className="text-xs text-slate-500">
          {link.payment.provider === 'test' ? t('publicLinks.payment.testProvider') : t('publicLinks.payment.stripeProvider')}
        </p>
      </div>
    );
  }

  return (
    <PublicCard title={t('publicLinks.order.title', { code: order.code })} eyebrow={link.workspace.name}>
      {state}
      <OrderSummary order={order} />
    </PublicCard>
  );
}
