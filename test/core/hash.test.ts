import { describe, expect, it } from 'vitest';
import { canonicalJson, hashHex, hashString53 } from '../../src/core/index.js';

describe('canonicalJson', () => {
  it('serialises objects with the same content identically whatever the key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: null } })).toBe(canonicalJson({ a: { c: null, d: [2, 1] }, b: 1 }));
    expect(canonicalJson({ b: 1, a: 2 })).toBe('{"a":2,"b":1}');
  });

  it('drops undefined members and keeps array order', () => {
    expect(canonicalJson({ a: undefined, b: [3, 1] })).toBe('{"b":[3,1]}');
  });

  it('gives the text of a frozen object again, and follows what can still change inside a frozen one', () => {
    const frozen = Object.freeze({ b: Object.freeze([1, Object.freeze({ d: 2, c: 'x' })]), a: null });
    expect(canonicalJson(frozen)).toBe('{"a":null,"b":[1,{"c":"x","d":2}]}');
    expect(canonicalJson(frozen)).toBe('{"a":null,"b":[1,{"c":"x","d":2}]}');
    const inner = { c: 1 };
    const outer = Object.freeze({ inner, list: Object.freeze([inner]) });
    expect(canonicalJson(outer)).toBe('{"inner":{"c":1},"list":[{"c":1}]}');
    inner.c = 2;
    expect(canonicalJson(outer)).toBe('{"inner":{"c":2},"list":[{"c":2}]}');
  });
});

describe('hashString53', () => {
  it('is a pinned, platform-independent 53-bit value', () => {
    // Pinned so that a change of hash (which would change every seed) is noticed.
    expect(hashString53('govsim')).toBe(hashString53('govsim'));
    expect(Number.isSafeInteger(hashString53('govsim'))).toBe(true);
    expect(hashString53('a')).not.toBe(hashString53('b'));
    expect(hashHex('govsim')).toHaveLength(14);
    expect(hashHex('govsim')).toMatchInlineSnapshot(`"11d92888e96d3b"`);
  });
});
