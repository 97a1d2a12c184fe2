import { formatDateTime, formatDuration, fromDateTimeLocal, toDateTimeLocal } from './format';

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
