/** Checks on JSON text that `JSON.parse` does not make: pure, for Node and the browser alike. */

/**
 * Whether `value` is an object with keys: not null, not an array (a JSON object, an options argument).
 * @example isRecord({ a: 1 }) // true; isRecord([1]) // false
 */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The first key given twice in one object of valid JSON text — which
 * `JSON.parse` would silently keep only the last of — with its path
 * (`parameters.docking`, `design.factors[0].path`) and offset, or undefined
 * when every object's keys differ. One linear scan.
 * @example jsonDuplicateKey('{"a": {"b": 1, "b": 2}}') // { path: 'a.b', offset: 15 }
 */
export function jsonDuplicateKey(text: string): { path: string; offset: number } | undefined {
  return firstKeyWhere(text, (key, earlier) => earlier.has(key));
}

/**
 * The first key named `__proto__` in valid JSON text, with its path and offset, or undefined when there is none.
 * `JSON.parse` keeps such a key, but an object built from it drops it (the name sets an object's prototype), so
 * what it holds would be lost without a word.
 * @example jsonPrototypeKey('{"set": {"__proto__": {"x": 1}}}') // { path: 'set.__proto__', offset: 9 }
 */
export function jsonPrototypeKey(text: string): { path: string; offset: number } | undefined {
  return firstKeyWhere(text, (key) => key === '__proto__');
}

/**
 * The first key of valid JSON text that would be lost without a word — one given twice in its object (`JSON.parse`
 * keeps the last), else one named `__proto__` (an object built from the text drops it) — with its path, offset and
 * what to say of it, given where it is (`line 3, column 2`); undefined when there is none.
 * @example droppedJsonKey('{"a": 1, "a": 2}')?.message('line 1, column 10') // 'given twice in one object (again at line 1, column 10); JSON would keep only the last: give it once'
 */
export function droppedJsonKey(text: string): { path: string; offset: number; message: (where: string) => string } | undefined {
  const duplicate = jsonDuplicateKey(text);
  if (duplicate !== undefined)
    return {
      ...duplicate,
      message: (where) => `given twice in one object (again at ${where}); JSON would keep only the last: give it once`,
    };
  const prototypeKey = jsonPrototypeKey(text);
  if (prototypeKey !== undefined)
    return {
      ...prototypeKey,
      message: (where) => `a key named "__proto__" (at ${where}) would be dropped without a word: no field has that name`,
    };
  return undefined;
}

/** The first key of valid JSON text for which `test` holds, given the keys before it in its object. One linear scan. */
function firstKeyWhere(
  text: string,
  test: (key: string, earlier: ReadonlySet<string>) => boolean,
): { path: string; offset: number } | undefined {
  type Frame = { keys: Set<string> | undefined; expectingKey: boolean; key: string; index: number };
  const stack: Frame[] = [];
  // A key that is not a plain name (empty, or with dots or spaces) is written as JSON in brackets: `a[""]`, `a["b.c"]`.
  const segment = (key: string) => (/^[A-Za-z_$][\w$-]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`);
  const pathOf = (last: string) =>
    [...stack.slice(0, -1).map((frame) => (frame.keys === undefined ? `[${frame.index}]` : segment(frame.key))), segment(last)]
      .join('')
      .replace(/^\./, '');
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0x22) {
      let end = index + 1;
      while (text.charCodeAt(end) !== 0x22) end += text.charCodeAt(end) === 0x5c ? 2 : 1;
      const frame = stack[stack.length - 1];
      if (frame?.keys !== undefined && frame.expectingKey) {
        const key = JSON.parse(text.slice(index, end + 1)) as string;
        if (test(key, frame.keys)) return { path: pathOf(key), offset: index };
        frame.keys.add(key);
        frame.key = key;
        frame.expectingKey = false;
      }
      index = end;
    } else if (code === 0x7b) stack.push({ keys: new Set(), expectingKey: true, key: '', index: 0 });
    else if (code === 0x5b) stack.push({ keys: undefined, expectingKey: false, key: '', index: 0 });
    else if (code === 0x7d || code === 0x5d) stack.pop();
    else if (code === 0x2c) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) continue;
      if (frame.keys === undefined) frame.index++;
      else frame.expectingKey = true;
    }
  }
  return undefined;
}

/**
 * The path of the first own key named `__proto__` in a value (as `JSON.parse` makes one), or undefined when there is
 * none: a schema builds its output object key by key, and such a key is dropped from it without a word. Objects and
 * lists are walked to any depth, each once.
 * @example prototypeKeyPath(JSON.parse('{"set": {"__proto__": {"x": 1}}}')) // 'set.__proto__'
 */
export function prototypeKeyPath(value: unknown): string | undefined {
  const seen = new Set<object>();
  const walk = (node: unknown, path: string): string | undefined => {
    if (typeof node !== 'object' || node === null || seen.has(node)) return undefined;
    seen.add(node);
    if (Array.isArray(node)) {
      for (let index = 0; index < node.length; index++) {
        const found = walk(node[index], `${path}[${index}]`);
        if (found !== undefined) return found;
      }
      return undefined;
    }
    if (Object.hasOwn(node, '__proto__')) return path === '' ? '__proto__' : `${path}.__proto__`;
    for (const [key, child] of Object.entries(node)) {
      const found = walk(child, path === '' ? key : `${path}.${key}`);
      if (found !== undefined) return found;
    }
    return undefined;
  };
  return walk(value, '');
}
