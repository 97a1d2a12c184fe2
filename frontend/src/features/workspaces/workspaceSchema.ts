import { z } from 'zod';
import { validation } from '@/components/form/validation';
import { LANGUAGES, type Language } from '@/i18n/languages';

/** Known kinds of business; a workspace may carry another value, which is then shown as is. */
export const BUSINESS_TYPES = ['retail', 'fine_food', 'hospitality', 'restaurant', 'services', 'other'] as const;

export type BusinessType = (typeof BUSINESS_TYPES)[number];

export function isBusinessType(value: string): value is BusinessType {
  return (BUSINESS_TYPES as readonly string[]).includes(value);
}

const languageCodes = LANGUAGES.map((language) => language.code) as [Language, ...Language[]];

/** The fields shared by "create workspace" and "workspace settings". */
export const workspaceDetailsSchema = z.object({
  name: z.string().trim().min(1, validation('required')).max(100, validation('tooLong')),
  currency: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, validation('currency')),
  defaultLanguage: z.enum(languageCodes),
  timezone: z.string().min(1, validation('required')),
  businessType: z.string().min(1, validation('required')),
});

export type WorkspaceDetails = z.infer<typeof workspaceDetailsSchema>;

export const newWorkspaceSchema = workspaceDetailsSchema.extend({
  slug: z
    .string()
    .trim()
    .max(63, validation('tooLong'))
    .regex(/^(?:[a-z0-9]+(?:-[a-z0-9]+)*)?$/, validation('slug')),
});

export const workspaceSettingsSchema = workspaceDetailsSchema.extend({
  apiRateLimit: z
    .number(validation('rateLimit'))
    .int(validation('rateLimit'))
    .min(1, validation('rateLimit'))
    .max(100_000, validation('rateLimit')),
  /** Printed on invoices; empty: the workspace's name. */
  legalName: z.string().trim().max(200, validation('tooLong')),
  legalAddress: z.string().trim().max(300, validation('tooLong')),
  vatNumber: z.string().trim().max(30, validation('tooLong')),
});

/** IANA time zones known to the browser, always including `current`. */
export function timeZoneOptions(current: string): string[] {
  let zones: string[];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set([...zones, 'UTC', current].filter(Boolean));
  return [...all].sort((a, b) => a.localeCompare(b));
}

export function browserTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}
