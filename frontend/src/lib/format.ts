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
