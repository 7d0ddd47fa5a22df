/** Setting a value at a dotted path of a scenario input (`a.b[2].c`), copying what it changes. */
import { modePresets, type PresetName } from '../scenario/index.js';

type Json = Record<string, unknown>;

/** The keys and list indices of a dotted path: `a.b[2].c` → ['a', 'b', 2, 'c']. */
export function pathSegments(path: string): Array<string | number> {
  const parts: Array<string | number> = [];
  for (const part of path.split('.')) {
    const match = /^([^[]+)(?:\[(\d+)\])?$/.exec(part);
    if (match === null) throw new Error(`bad path segment "${part}" in "${path}"`);
    parts.push(match[1] as string);
    if (match[2] !== undefined) parts.push(Number(match[2]));
  }
  return parts;
}

/** A copy of `input` with `value` at `path`; a preset `mode` is expanded when a path goes into it. */
export function setAtPath(input: Record<string, unknown>, path: string, value: unknown): Record<string, unknown> {
  const keys = pathSegments(path);
  const root: Json = { ...input };
  if (keys[0] === 'mode' && keys.length > 1 && typeof root.mode === 'string' && root.mode in modePresets) {
    root.mode = { ...modePresets[root.mode as PresetName] };
  }
  let node: Json | unknown[] = root;
  for (let index = 0; index < keys.length - 1; index++) {
    const key = keys[index] as string | number;
    const current = (node as Json)[key as string];
    const copy = Array.isArray(current)
      ? [...current]
      : current !== null && typeof current === 'object'
        ? { ...(current as Json) }
        : typeof keys[index + 1] === 'number'
          ? []
          : {};
    (node as Json)[key as string] = copy;
    node = copy as Json;
  }
  (node as Json)[keys[keys.length - 1] as string] = value;
  return root;
}
