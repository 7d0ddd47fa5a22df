/**
 * Content hashing used to derive seeds. Pure JavaScript (no Node imports) so the
 * core runs in a browser too.
 */

/**
 * A 53-bit non-cryptographic hash of a string (cyrb53: two multiplicative
 * 32-bit lanes mixed together). Equal strings give equal numbers on every
 * platform; the result is a safe integer in [0, 2^53).
 */
export function hashString53(text: string, salt = 0): number {
  let h1 = 0xdeadbeef ^ salt;
  let h2 = 0x41c6ce57 ^ salt;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}

/** The 53-bit hash as a fixed-width 14-character hexadecimal string. */
export function hashHex(text: string): string {
  return hashString53(text).toString(16).padStart(14, '0');
}

/**
 * JSON with object keys sorted at every depth, so that two objects with the
 * same content serialise to the same text whatever the order their keys were
 * written in. Arrays keep their order; `undefined` members are dropped.
 *
 * The text of an object frozen throughout (a parsed scenario, or any part of
 * one) is remembered: it can never change, and the seeds and keys of every
 * run are worked out from such parts. (A frozen object is taken to hold
 * plain data: a getter on one that returns a different value later is not
 * read again.)
 */
export function canonicalJson(value: unknown): string {
  return serialise(value);
}

/** Texts of objects frozen at every depth: a frozen object stays frozen, so these stay right. */
const frozenTexts = new WeakMap<object, string>();
/** Whether the value {@link serialise} last returned the text of was frozen at every depth. */
let lastFrozenThroughout = true;

function serialise(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    lastFrozenThroughout = true;
    return JSON.stringify(value) ?? 'null';
  }
  const known = frozenTexts.get(value);
  if (known !== undefined) {
    lastFrozenThroughout = true;
    return known;
  }
  let frozen = Object.isFrozen(value);
  let text: string;
  if (Array.isArray(value)) {
    // map, as JSON's own arrays: a hole stays empty in the text.
    const parts = value.map((item) => {
      const itemText = serialise(item);
      frozen = frozen && lastFrozenThroughout;
      return itemText;
    });
    text = `[${parts.join(',')}]`;
  } else {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record)
      .filter((key) => record[key] !== undefined)
      .sort();
    const parts: string[] = [];
    for (const key of keys) {
      parts.push(`${JSON.stringify(key)}:${serialise(record[key])}`);
      frozen = frozen && lastFrozenThroughout;
    }
    text = `{${parts.join(',')}}`;
  }
  if (frozen) frozenTexts.set(value, text);
  lastFrozenThroughout = frozen;
  return text;
}
