import { z } from 'zod';
import { parseAmount } from '@/lib/money';
import { validation, type ValidationKey } from './validation';

/**
 * Zod fields for numbers typed into text inputs. The form keeps what was typed (a string); the
 * schema checks it and hands the submit handler a number, or undefined for an empty optional field.
 */

type IntegerOptions = {
  min: number;
  max: number;
  /** Shown when the text is not a whole number in [min, max]. */
  message: ValidationKey;
};

function refuse(ctx: z.core.$RefinementCtx, message: ValidationKey): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
}

function readInteger(text: string, { min, max, message }: IntegerOptions, ctx: z.core.$RefinementCtx): number {
  const value = /^-?\d{1,15}$/.test(text) ? Number(text) : Number.NaN;
  return Number.isSafeInteger(value) && value >= min && value <= max ? value : refuse(ctx, message);
}

/** A required whole number. */
export function integerField(options: IntegerOptions) {
  return z
    .string()
    .trim()
    .min(1, validation('required'))
    .transform((text, ctx) => readInteger(text, options, ctx));
}

/** A whole number that may be left empty. */
export function optionalIntegerField(options: IntegerOptions) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => (text === '' ? undefined : readInteger(text, options, ctx)));
}

/** An amount in currency units (`18.90` or `18,90`), handed over in minor units. */
export function amountField(currency: string) {
  return z
    .string()
    .trim()
    .min(1, validation('required'))
    .transform((text, ctx) => parseAmount(text, currency) ?? refuse(ctx, 'validation.amount'));
}

/** An amount that may be left empty. */
export function optionalAmountField(currency: string) {
  return z
    .string()
    .trim()
    .transform((text, ctx) => (text === '' ? undefined : (parseAmount(text, currency) ?? refuse(ctx, 'validation.amount'))));
}

/** A percentage with at most two decimals in [0, 100] (or (0, 100] with `aboveZero`). */
export function percentField(message: ValidationKey, { aboveZero = false } = {}) {
  return z
    .string()
    .trim()
    .min(1, validation('required'))
    .transform((text, ctx) => {
      const value = /^\d{1,3}(?:[.,]\d{1,2})?$/.test(text) ? Number(text.replace(',', '.')) : Number.NaN;
      const inRange = value <= 100 && (aboveZero ? value > 0 : value >= 0);
      return inRange ? value : refuse(ctx, message);
    });
}
