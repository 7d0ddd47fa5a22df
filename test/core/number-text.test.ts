import { describe, expect, it } from 'vitest';
import { cpuTimeText, percent, wholeNumberText } from '../../src/core/number-text.js';

describe('wholeNumberText', () => {
  it('writes a whole number as toLocaleString("en") does', () => {
    const values = [0, 1, -1, 12, 999, 1000, -1000, 12_345, 100_000, 999_999, 1_000_000, 2_253_000, 8_050_000];
    for (let power = 0; power <= 15; power++) values.push(10 ** power, 10 ** power - 1, -(10 ** power) + 7);
    values.push(Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER);
    // A spread of values from a fixed sequence (a linear congruential generator), each digit count alike.
    let state = 12_345;
    for (let index = 0; index < 2000; index++) {
      state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
      values.push(Math.floor((state / 2 ** 31) * 10 ** (1 + (index % 15))) * (index % 2 === 0 ? 1 : -1));
    }
    for (const value of values) expect(wholeNumberText(value), String(value)).toBe(value.toLocaleString('en'));
  });

  it('leaves a number that is not a safe whole number to toLocaleString("en")', () => {
    for (const value of [1.5, -0.25, 1234.5678, 2 ** 60, Number.NaN, Number.POSITIVE_INFINITY])
      expect(wholeNumberText(value)).toBe(value.toLocaleString('en'));
  });
});

describe('cpuTimeText', () => {
  it('says under a minute below one, whole minutes under an hour (one in the singular), hours to three figures above', () => {
    expect([0, 30, 60, 61, 3599].map(cpuTimeText)).toEqual([
      'under a CPU minute',
      'under a CPU minute',
      '1 CPU minute',
      '2 CPU minutes',
      '60 CPU minutes',
    ]);
    expect(cpuTimeText(5400)).toBe('1.50 CPU hours');
  });
});

describe('percent', () => {
  it('gives whole percentages, and one decimal rather than rounding over 0% or 100%', () => {
    expect([0.53, 1, 0, 0.2549, Number.NaN].map(percent)).toEqual(['53%', '100%', '0%', '25%', '—']);
    // 199 of 200 replicates is not all of them; 1 of 1,000 is not none.
    expect(percent(199 / 200)).toBe('99.5%');
    expect(percent(0.9996)).toBe('99.9%');
    expect(percent(0.001)).toBe('0.1%');
    expect(percent(0.00001)).toBe('0.1%');
    expect(percent(0.994)).toBe('99%');
    // Rounded to the nearest tenth off the edge: 737 of 740 design points keep a sign, 3 of 740 flip it.
    expect([737 / 740, 3 / 740].map(percent)).toEqual(['99.6%', '0.4%']);
    // Rounding in the arithmetic is not a share short of all: a Wilson upper bound of 200 of 200.
    expect(percent(1 - 1e-12)).toBe('100%');
    expect(percent(1e-12)).toBe('0%');
  });
});
