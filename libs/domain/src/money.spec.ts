import {
  DEFAULT_CURRENCY,
  MAX_MONEY_AMOUNT,
  MoneyError,
  addMoney,
  compareMoney,
  formatMoney,
  isMoney,
  isZeroMoney,
  minMoney,
  money,
  multiplyMoney,
  multiplyMoneyWithin,
  percentOfFloor,
  subtractMoney,
  subtractMoneyFloorZero,
  sumMoney,
  sumMoneyWithin,
  zeroMoney,
} from './money';

const cny = (amount: number) => ({ amount, currency: 'CNY' });
const usd = (amount: number) => ({ amount, currency: 'USD' });

describe('what counts as money', () => {
  it.each([
    ['zero yuan', cny(0)],
    ['a whole number of fen', cny(12999)],
    ['the largest safe integer', cny(Number.MAX_SAFE_INTEGER)],
    ['another three-letter currency', usd(1)],
  ])('accepts %s', (_label, value) => {
    expect(isMoney(value)).toBe(true);
  });

  it.each([
    ['null', null],
    ['a number', 12999],
    ['a string', '12999 CNY'],
    ['an amount given as text', { amount: '1', currency: 'CNY' }],
    ['a fraction of a fen', cny(1.5)],
    ['a negative amount', cny(-1)],
    ['an amount beyond the safe integers', cny(2 ** 53)],
    ['a missing currency', { amount: 1 }],
    ['a currency that is not text', { amount: 1, currency: 156 }],
    ['a lower-case currency', { amount: 1, currency: 'cny' }],
    ['a two-letter currency', { amount: 1, currency: 'CN' }],
    ['a four-letter currency', { amount: 1, currency: 'CNYX' }],
    ['a currency with a prefix', { amount: 1, currency: 'xCNY' }],
  ])('refuses %s', (_label, value) => {
    expect(isMoney(value)).toBe(false);
  });

  it('refuses a function that carries an amount and a currency', () => {
    expect(isMoney(Object.assign(() => 0, cny(1)))).toBe(false);
  });
});

describe('building money', () => {
  it('keeps the amount and settles in CNY unless told otherwise', () => {
    expect(money(12999)).toEqual({ amount: 12999, currency: 'CNY' });
    expect(DEFAULT_CURRENCY).toBe('CNY');
    expect(money(0, 'USD')).toEqual(usd(0));
  });

  it.each([
    ['a fraction', 1.5],
    ['NaN', Number.NaN],
    ['infinity', Number.POSITIVE_INFINITY],
    ['an unsafe integer', 2 ** 53],
    ['a negative amount', -1],
  ])('refuses %s as an amount', (_label, amount) => {
    expect(() => money(amount)).toThrow(MoneyError);
  });

  it.each(['cny', 'CN', 'CNYX', ' CNY', 'CNY ', '156'])('refuses %p as a currency', (currency) => {
    expect(() => money(1, currency)).toThrow(MoneyError);
  });

  it('names its errors MoneyError and keeps them RangeErrors', () => {
    const error = new MoneyError('bad');
    expect(error).toBeInstanceOf(RangeError);
    expect(error.name).toBe('MoneyError');
  });

  it('makes zero of the default currency or of a given one', () => {
    expect(zeroMoney()).toEqual(cny(0));
    expect(zeroMoney('USD')).toEqual(usd(0));
  });
});

describe('arithmetic on money of one currency', () => {
  it('adds, subtracts and keeps the currency', () => {
    expect(addMoney(usd(300), usd(45))).toEqual(usd(345));
    expect(subtractMoney(usd(300), usd(45))).toEqual(usd(255));
    expect(subtractMoney(usd(300), usd(300))).toEqual(usd(0));
  });

  it('refuses a subtraction that would go below zero', () => {
    expect(() => subtractMoney(cny(1), cny(2))).toThrow(MoneyError);
  });

  it('floors a subtraction at zero when asked to', () => {
    expect(subtractMoneyFloorZero(usd(300), usd(45))).toEqual(usd(255));
    expect(subtractMoneyFloorZero(usd(45), usd(300))).toEqual(usd(0));
  });

  it.each([
    ['addMoney', addMoney],
    ['subtractMoney', subtractMoney],
    ['subtractMoneyFloorZero', subtractMoneyFloorZero],
    ['minMoney', minMoney],
    ['compareMoney', compareMoney],
  ] as const)('%s refuses to mix currencies', (_name, operation) => {
    expect(() => operation(cny(5), usd(1))).toThrow(MoneyError);
    expect(() => operation(usd(5), cny(1))).toThrow(MoneyError);
  });

  it('multiplies a unit price by a whole quantity, zero included', () => {
    expect(multiplyMoney(usd(1999), 3)).toEqual(usd(5997));
    expect(multiplyMoney(usd(1999), 0)).toEqual(usd(0));
  });

  it('refuses a negative or fractional quantity even when the product would be a valid amount', () => {
    expect(() => multiplyMoney(cny(0), -1)).toThrow(MoneyError);
    expect(() => multiplyMoney(cny(2), 1.5)).toThrow(MoneyError);
    expect(() => multiplyMoney(cny(2), Number.NaN)).toThrow(MoneyError);
  });

  it('sums amounts in their own currency, and an empty list to zero of the given currency', () => {
    expect(sumMoney([usd(1), usd(20), usd(300)])).toEqual(usd(321));
    expect(sumMoney([])).toEqual(cny(0));
    expect(sumMoney([], 'USD')).toEqual(usd(0));
    expect(() => sumMoney([usd(1), cny(1)])).toThrow(MoneyError);
  });

  it('picks the smaller amount and orders amounts', () => {
    expect(minMoney(usd(5), usd(7))).toEqual(usd(5));
    expect(minMoney(usd(7), usd(5))).toEqual(usd(5));
    expect(compareMoney(usd(5), usd(7))).toBeLessThan(0);
    expect(compareMoney(usd(7), usd(5))).toBeGreaterThan(0);
    expect(compareMoney(usd(7), usd(7))).toBe(0);
  });

  it('knows zero from a single fen', () => {
    expect(isZeroMoney(cny(0))).toBe(true);
    expect(isZeroMoney(cny(1))).toBe(false);
  });
});

describe('percentages of money', () => {
  it('takes a percentage rounded down, in the customer favour when it is a deduction', () => {
    expect(percentOfFloor(usd(12999), 10)).toEqual(usd(1299));
    expect(percentOfFloor(cny(199), 50)).toEqual(cny(99));
    expect(percentOfFloor(cny(9), 10)).toEqual(cny(0));
  });

  it('accepts 0 % and 100 %', () => {
    expect(percentOfFloor(cny(12999), 0)).toEqual(cny(0));
    expect(percentOfFloor(cny(12999), 100)).toEqual(cny(12999));
  });

  it.each([-1, 101, 10.5, Number.NaN])('refuses %p as a percentage', (percent) => {
    expect(() => percentOfFloor(cny(12999), percent)).toThrow(MoneyError);
  });

  it('refuses a negative percentage even of an amount it would round to zero', () => {
    // -1 % of 0.99 CNY is -0.0099 CNY, which whole-number division would round to 0.
    expect(() => percentOfFloor(cny(99), -1)).toThrow(MoneyError);
    expect(() => percentOfFloor(cny(0), -1)).toThrow(MoneyError);
  });
});

describe('amounts that pass the largest amount', () => {
  it('multiplies within range, and answers null (never throws) for a product beyond it', () => {
    expect(multiplyMoneyWithin(cny(12999), 3)).toEqual(cny(38997));
    expect(multiplyMoneyWithin(cny(MAX_MONEY_AMOUNT), 1)).toEqual(cny(MAX_MONEY_AMOUNT));
    expect(multiplyMoneyWithin(cny(10 ** 12), 10_000)).toBeNull();
    expect(multiplyMoneyWithin(cny(MAX_MONEY_AMOUNT), 2)).toBeNull();
    expect(() => multiplyMoney(cny(10 ** 12), 10_000)).toThrow(MoneyError);
  });

  it('still throws on a programming error: a fractional or negative quantity', () => {
    expect(() => multiplyMoneyWithin(cny(100), 1.5)).toThrow(MoneyError);
    expect(() => multiplyMoneyWithin(cny(100), -1)).toThrow(MoneyError);
  });

  it('sums within range, and answers null for a total beyond it', () => {
    expect(sumMoneyWithin([cny(1), cny(2)])).toEqual(cny(3));
    expect(sumMoneyWithin([cny(MAX_MONEY_AMOUNT), cny(1)])).toBeNull();
    expect(() => sumMoneyWithin([cny(1), usd(1)])).toThrow(MoneyError);
  });

  it('sums up to the largest amount exactly', () => {
    expect(sumMoneyWithin([cny(MAX_MONEY_AMOUNT - 1), cny(1)])).toEqual(cny(MAX_MONEY_AMOUNT));
  });

  it('throws MoneyError on a fraction of a fen among the amounts, wherever it is', () => {
    expect(() => sumMoneyWithin([cny(1.5)])).toThrow(MoneyError);
    expect(() => sumMoneyWithin([cny(1), cny(1.5)])).toThrow(MoneyError);
  });

  it('takes a percentage of the largest amount exactly, rounded down', () => {
    // 9007199254740991 × 95 / 100 = 8556839292003941.45
    expect(percentOfFloor(cny(MAX_MONEY_AMOUNT), 95)).toEqual(cny(8556839292003941));
  });
});

describe('money in messages', () => {
  it.each([
    [cny(12999), '129.99 CNY'],
    [cny(100), '1.00 CNY'],
    [cny(5), '0.05 CNY'],
    [usd(0), '0.00 USD'],
  ])('renders %p as %p', (value, text) => {
    expect(formatMoney(value)).toBe(text);
  });
});
