import { describe, expect, it } from 'vitest';
import { wholeNumberText } from '../../src/core/number-text.js';

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
