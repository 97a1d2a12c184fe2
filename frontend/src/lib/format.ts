type DurationUnit = 'day' | 'hour' | 'minute' | 'second';

const UNIT_SECONDS: ReadonlyArray<readonly [DurationUnit, number]> = [
  ['day', 86_400],
  ['hour', 3_600],
  ['minute', 60],
  ['second', 1],
];

/** `93784` → `1d 2h 3m` (at most three units, locale-aware unit symbols). */
export function formatDuration(totalSeconds: number, locale: string): string {
  let remaining = Math.max(0, Math.floor(totalSeconds));
  const parts: string[] = [];
  for (const [unit, size] of UNIT_SECONDS) {
    const value = Math.floor(remaining / size);
    remaining -= value * size;
    if (value > 0 || (unit === 'second' && parts.length === 0)) {
      parts.push(new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow' }).format(value));
    }
  }
  return parts.slice(0, 3).join(' ');
}

/** Formats an ISO 8601 timestamp; returns the input unchanged when it is not a valid date. */
export function formatDateTime(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

export function formatTime(epochMs: number, locale: string): string {
  return new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(new Date(epochMs));
}

/** Formats an ISO 8601 timestamp as a date only; returns the input unchanged when it is not a valid date. */
export function formatDate(iso: string, locale: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(date);
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** An ISO 8601 timestamp as the value of a `datetime-local` input, in the browser's time zone. */
export function toDateTimeLocal(iso: string | null | undefined): string {
  if (!iso) return '';
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return '';
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** The value of a `datetime-local` input (browser's time zone) as an ISO 8601 UTC timestamp. */
export function fromDateTimeLocal(value: string): string | undefined {
  if (value === '') return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
