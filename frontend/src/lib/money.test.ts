import { amountInputValue, currencyDigits, formatMoney, parseAmount } from './money';

describe('money', () => {
  it('knows how many decimals a currency has', () => {
    expect(currencyDigits('EUR')).toBe(2);
    expect(currencyDigits('JPY')).toBe(0);
  });

  it('formats minor units in the reader’s locale', () => {
    expect(formatMoney(1890, 'EUR', 'en')).toBe('€18.90');
    expect(formatMoney(1890, 'EUR', 'it')).toBe('18,90\u00a0€');
    expect(formatMoney(500, 'JPY', 'en')).toBe('¥500');
  });

  it.each([
    ['18.90', 1890],
    ['18,9', 1890],
    ['18', 1800],
    [' 0.05 ', 5],
    ['30.', 3000],
  ])('reads %s as %i minor units', (text, minor) => {
    expect(parseAmount(text, 'EUR')).toBe(minor);
  });

  it.each(['', 'abc', '1.234,56', '-3', '18.905', '1e3'])('refuses %s', (text) => {
    expect(parseAmount(text, 'EUR')).toBeUndefined();
  });

  it('refuses decimals in a currency without minor units', () => {
    expect(parseAmount('500', 'JPY')).toBe(500);
    expect(parseAmount('5.5', 'JPY')).toBeUndefined();
  });

  it('writes minor units back as an input value', () => {
    expect(amountInputValue(1890, 'EUR')).toBe('18.90');
    expect(amountInputValue(500, 'JPY')).toBe('500');
  });
});
