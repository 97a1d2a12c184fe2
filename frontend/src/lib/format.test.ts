import { formatDateTime, formatDuration } from './format';

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
