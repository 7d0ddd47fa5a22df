import { describe, expect, it } from 'vitest';
import { jsonErrorOffset } from '../../src/core/json-error-position.js';

describe('jsonErrorOffset', () => {
  it('accepts valid JSON', () => {
    for (const text of ['{}', '[]', '{"a": [1, -2.5e3, true, false, null, "x\\n\\u00e9"]}', ' 3 ']) {
      expect(jsonErrorOffset(text)).toBe(-1);
      expect(() => JSON.parse(text)).not.toThrow();
    }
  });

  it('points at the first character that breaks the JSON', () => {
    expect(jsonErrorOffset('{"a": co}')).toBe(6);
    expect(jsonErrorOffset('{"a": 1,}')).toBe(8);
    expect(jsonErrorOffset('[1 2]')).toBe(3);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('{"a": ')).toBe(6);
    expect(jsonErrorOffset("{'a': 1}")).toBe(1);
  });
});
