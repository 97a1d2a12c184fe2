import { dayNumber, formatDateTime, formatDay, formatDuration, fromDateTimeLocal, toDateTimeLocal } from './format';

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [12, '12s'],
    [3_725, '1h 2m 5s'],
    [93_784, '1d 2h 3m'],
    [86_400, '1d'],
  ])('formats %i seconds as %s', (seconds, expected) => {
    expect(formatDuration(seconds, 'en')).toBe(expected);
  });
});

describe('formatDateTime', () => {
  it('returns invalid input unchanged', () => {
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });
});

describe('datetime-local values', () => {
  it('round-trips a timestamp through the input format', () => {
    const local = toDateTimeLocal('2026-12-01T09:30:00Z');
    expect(local).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/);
    expect(fromDateTimeLocal(local)).toBe('2026-12-01T09:30:00.000Z');
  });

  it('leaves empty and invalid values out', () => {
    expect(toDateTimeLocal(null)).toBe('');
    expect(toDateTimeLocal('nonsense')).toBe('');
    expect(fromDateTimeLocal('')).toBeUndefined();
  });
});

describe('calendar days', () => {
  it('counts days since 1970 and refuses days that do not exist', () => {
    expect(dayNumber('1970-01-02')).toBe(1);
    expect((dayNumber('2026-12-01') ?? 0) - (dayNumber('2026-11-01') ?? 0)).toBe(30);
    expect(dayNumber('2026-02-30')).toBeUndefined();
    expect(dayNumber('2026-1-5')).toBeUndefined();
  });

  it('writes a day the same in every time zone', () => {
    expect(formatDay('2026-11-30', 'en')).toBe('Nov 30, 2026');
    expect(formatDay('2026-11-30', 'it')).toBe('30 nov 2026');
    expect(formatDay('yesterday', 'en')).toBe('yesterday');
  });
});
