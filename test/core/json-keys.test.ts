/** The first key given twice in one object of JSON text, which JSON.parse would drop silently; what a JSON object is. */
import { describe, expect, it } from 'vitest';
import { isRecord, jsonDuplicateKey, jsonPrototypeKey } from '../../src/core/index.js';

describe('isRecord', () => {
  it('is true of an object with keys and of an empty one, false of null, a list, text and a number', () => {
    expect([{ a: 1 }, {}].map(isRecord)).toEqual([true, true]);
    expect([null, [1], 'a', 1, undefined].map(isRecord)).toEqual([false, false, false, false, false]);
  });
});

describe('jsonDuplicateKey', () => {
  it('finds the second of two equal keys in one object, with its path and offset, and nothing else', () => {
    expect(jsonDuplicateKey('{"a": [{"x": 1}, {"y": "\\"x\\"", "x": 2, "y": 3}]}')).toEqual({ path: 'a[1].y', offset: 40 });
    // The same key in different objects, in strings, or escaped differently but equal, is told apart rightly.
    expect(jsonDuplicateKey('[{"a": 1}, {"a": 1}]')).toBeUndefined();
    expect(jsonDuplicateKey('{"a": "{\\"a\\": 1}", "b": {"a": 2}}')).toBeUndefined();
    expect(jsonDuplicateKey('{"ab": 1, "a\\u0062": 2}')).toEqual({ path: 'ab', offset: 10 });
    // A key that is no plain name is written as JSON in brackets, so that an empty one is seen.
    expect(jsonDuplicateKey('{"x": {"": 1, "": 2}}')?.path).toBe('x[""]');
    expect(jsonDuplicateKey('{"a.b": 1, "a.b": 2}')?.path).toBe('["a.b"]');
    expect(jsonDuplicateKey('"x"')).toBeUndefined();
    expect(jsonDuplicateKey('{}')).toBeUndefined();
  });
});

describe('jsonPrototypeKey', () => {
  it('finds a key named __proto__ at any depth, which an object built from the text would drop, and nothing else', () => {
    expect(jsonPrototypeKey('{"variants": [{"label": "b", "set": {"__proto__": {"x": 1}}}]}')).toEqual({
      path: 'variants[0].set.__proto__',
      offset: 37,
    });
    expect(jsonPrototypeKey('{"a": "__proto__", "b": ["__proto__"]}')).toBeUndefined();
    expect(jsonPrototypeKey('{"__proto_": 1, "proto": 2}')).toBeUndefined();
  });
});
