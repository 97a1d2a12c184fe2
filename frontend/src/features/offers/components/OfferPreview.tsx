import { useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DebouncedInput } from '@/components/form/DebouncedInput';
import { ProblemAlert } from '@/components/feedback/ProblemAlert';
import { Table, TableBody, TableHead, Td, Th } from '@/components/data/table';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { Input } from '@/components/ui/input';
import { ProductPicker } from '@/features/products/components/ProductPicker';
import { useDebouncedValue } from '@/lib/useDebouncedValue';
import { formatMoney, parseAmount } from '@/lib/money';
import { useOfferCodeCheck, type Offer } from '../api/offers';
import { usePricePreview, type PricePreviewRequest, type PromoCodeReason } from '../api/pricing';

type CartLine = {
  productId: string;
  title: string;
  /** As typed; lines without a whole number from 1 to 10000 are left out of the request. */
  quantity: string;
};

function validQuantity(text: string): number | undefined {
  const quantity = /^\d{1,5}$/.test(text.trim()) ? Number(text) : 0;
  return quantity >= 1 && quantity <= 10_000 ? quantity : undefined;
}

function ReasonAlert({ code, reason }: { code: string; reason: PromoCodeReason | null }) {
  const { t } = useTranslation();
  return (
    <Alert tone="warning">
      {t('offers.preview.notApplied', { code })} {reason ? t(`offers.preview.reasons.${reason}`) : ''}
    </Alert>
  );
}

type OfferPreviewProps = {
  workspaceId: string;
  currency: string;
  /** The saved offer; its code (if any) is tried on the cart. */
  offer?: Offer;
};

/**
 * "What would this discount be?": prices a sample cart with the workspace's saved offers (and this
 * offer's code), using the server's own calculation, and checks the code against a cart value.
 */
export function OfferPreview({ workspaceId, currency, offer }: OfferPreviewProps) {
  const { t, i18n } = useTranslation();
  const titleId = useId();
  const cartValueId = useId();
  const locale = i18n.resolvedLanguage ?? 'en';
  const money = (minor: number) => formatMoney(minor, currency, locale);
  const code = offer?.code ?? '';
  const [lines, setLines] = useState<CartLine[]>([]);
  const [cartValueText, setCartValueText] = useState('');
  const cartValue = cartValueText.trim() === '' ? undefined : parseAmount(cartValueText, currency);

  const request = useMemo<PricePreviewRequest>(() => {
    const priced = lines.flatMap((line) => {
      const quantity = validQuantity(line.quantity);
      return quantity === undefined ? [] : [{ productId: line.productId, quantity }];
    });
    return code ? { lines: priced, promoCode: code } : { lines: priced };
  }, [lines, code]);
  const debouncedRequest = useDebouncedValue(request);
  const preview = usePricePreview(workspaceId, debouncedRequest);
  const codeCheck = useOfferCodeCheck(workspaceId, code, cartValue);
  const titles = new Map(lines.map((line) => [line.productId, line.title]));

  function handleAdd(productId: string, title: string) {
    setLines((current) => [...current, { productId, title, quantity: '1' }]);
  }

  function handleQuantity(productId: string, quantity: string) {
    setLines((current) => current.map((line) => (line.productId === productId ? { ...line, quantity } : line)));
  }

  function handleRemove(productId: string) {
    setLines((current) => current.filter((line) => line.productId !== productId));
  }

  return (
    <Card aria-labelledby={titleId}>
      <CardHeader>
        <CardTitle id={titleId}>{t('offers.preview.title')}</CardTitle>
        <CardDescription>
          {offer
            ? code
              ? t('offers.preview.descriptionWithCode', { code })
              : t('offers.preview.description')
            : t('offers.preview.unsaved')}
        </CardDescription>
      </CardHeader>
      <CardContent className="flex flex-col gap-5">
        <ProductPicker
          workspaceId={workspaceId}
          currency={currency}
          label={t('offers.preview.addProduct')}
          exclude={new Set(lines.map((line) => line.productId))}
          onPick={(hit) => handleAdd(hit.id, hit.title)}
        />
        {lines.length > 0 && (
          <ul aria-label={t('offers.preview.cart')} className="flex flex-col gap-2">
            {lines.map((line) => (
              <li key={line.productId} className="flex items-center gap-3 text-sm">
                <span className="min-w-0 flex-1 truncate">{line.title}</span>
                <Input
                  type="number"
                  min={1}
                  max={10_000}
                  className="w-24"
                  aria-label={t('offers.preview.quantityOf', { name: line.title })}
                  aria-invalid={validQuantity(line.quantity) === undefined}
                  value={line.quantity}
                  onChange={(event) => handleQuantity(line.productId, event.target.value)}
                />
                <Button
                  variant="ghost"
                  size="sm"
                  aria-label={t('offers.preview.remove', { name: line.title })}
                  onClick={() => handleRemove(line.productId)}
                >
                  ✕
                </Button>
              </li>
            ))}
          </ul>
        )}

        {preview.isError && <ProblemAlert error={preview.error} message={t('offers.preview.failed')} />}
        {lines.length > 0 && preview.data && (
          <div aria-busy={preview.isFetching} className="flex flex-col gap-3">
            <Table aria-label={t('offers.preview.linesLabel')}>
              <TableHead>
                <tr>
                  <Th>{t('offers.preview.product')}</Th>
                  <Th className="text-right">{t('offers.preview.quantity')}</Th>
                  <Th className="text-right">{t('offers.preview.unitPrice')}</Th>
                  <Th className="text-right">{t('offers.preview.discount')}</Th>
                  <Th className="text-right">{t('offers.preview.lineTotal')}</Th>
                </tr>
              </TableHead>
              <TableBody>
                {preview.data.lines.map((line) => (
                  <tr key={line.productId}>
                    <Td>{titles.get(line.productId) ?? line.productId}</Td>
                    <Td className="text-right tabular-nums">{line.quantity}</Td>
                    <Td className="text-right tabular-nums">{money(line.unitPrice)}</Td>
                    <Td className="text-right tabular-nums">{line.discount > 0 ? `−${money(line.discount)}` : '—'}</Td>
                    <Td className="text-right tabular-nums">{money(line.total)}</Td>
                  </tr>
                ))}
              </TableBody>
            </Table>
            <dl aria-label={t('offers.preview.totals')} className="ml-auto grid w-full max-w-xs grid-cols-[1fr_auto] gap-x-6 gap-y-1 text-sm">
              <dt className="text-slate-600">{t('offers.preview.subtotal')}</dt>
              <dd className="text-right tabular-nums">{money(preview.data.subtotal)}</dd>
              <dt className="text-slate-600">{t('offers.preview.automaticDiscount')}</dt>
              <dd className="text-right tabular-nums">−{money(preview.data.automaticDiscount)}</dd>
              <dt className="text-slate-600">{t('offers.preview.codeDiscount')}</dt>
              <dd className="text-right tabular-nums">−{money(preview.data.codeDiscount)}</dd>
              <dt className="font-semibold text-slate-900">{t('offers.preview.total')}</dt>
              <dd className="text-right font-semibold tabular-nums">{money(preview.data.total)}</dd>
              <dt className="text-xs text-slate-500">{t('offers.preview.tax')}</dt>
              <dd className="text-right text-xs text-slate-500 tabular-nums">{money(preview.data.tax)}</dd>
            </dl>
            {preview.data.promoCode && !preview.data.promoCode.applied && (
              <ReasonAlert code={preview.data.promoCode.code} reason={preview.data.promoCode.reason} />
            )}
          </div>
        )}

        {code && (
          <div className="flex flex-col gap-3 border-t border-slate-100 pt-4">
            <div className="flex flex-col gap-1.5 sm:max-w-xs">
              <label htmlFor={cartValueId} className="text-sm font-medium text-slate-800">
                {t('offers.preview.cartValue', { currency })}
              </label>
              <DebouncedInput
                id={cartValueId}
                inputMode="decimal"
                value={cartValueText}
                onValueChange={setCartValueText}
                aria-invalid={cartValueText.trim() !== '' && cartValue === undefined}
              />
            </div>
            {codeCheck.isError && <ProblemAlert error={codeCheck.error} message={t('offers.preview.failed')} />}
            {cartValue !== undefined && codeCheck.data && (
              <div aria-label={t('offers.preview.codeCheck')} role="group">
                {codeCheck.data.valid ? (
                  <Alert tone="success">
                    {t('offers.preview.codeValid', {
                      code: codeCheck.data.code,
                      discount: money(codeCheck.data.discount),
                      total: money(Math.max(0, cartValue - codeCheck.data.discount)),
                    })}
                  </Alert>
                ) : (
                  <ReasonAlert code={codeCheck.data.code} reason={codeCheck.data.reason} />
                )}
              </div>
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
