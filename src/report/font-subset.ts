/**
 * Reading and subsetting TrueType fonts (glyph outlines in `glyf`), in plain
 * TypeScript: the characters a font maps, and a smaller font holding only the
 * glyphs of chosen characters. The report uses it to bundle the paper's
 * Chinese terms in a font of a few dozen kilobytes and to embed, in each page,
 * only the glyphs that page uses. The subset keeps the outlines, metrics,
 * names and hinting settings of the source and drops what refers to glyph
 * numbers it no longer has (layout and vertical tables), so characters are
 * drawn one by one, as the report's Chinese terms are.
 */

/** A table of a font file: its four-letter tag and its bytes. */
interface FontTable {
  tag: string;
  bytes: Uint8Array;
}

/** Tables copied unchanged into a subset (none refers to glyph numbers). */
const copiedTables = ['name', 'OS/2', 'post', 'gasp', 'prep', 'fpgm', 'cvt '];

function view(bytes: Uint8Array): DataView {
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The tables of a TrueType font file, by tag; throws when the file is not a TrueType font with outlines. */
function readTables(font: Uint8Array): Map<string, Uint8Array> {
  if (font.length < 12) throw new Error('not a font file: too short');
  const data = view(font);
  const version = data.getUint32(0);
  if (version !== 0x00010000 && version !== 0x74727565) throw new Error('not a TrueType font (expected glyf outlines)');
  const count = data.getUint16(4);
  const tables = new Map<string, Uint8Array>();
  for (let index = 0; index < count; index++) {
    const record = 12 + 16 * index;
    const tag = String.fromCharCode(...font.subarray(record, record + 4));
    const offset = data.getUint32(record + 8);
    const length = data.getUint32(record + 12);
    if (offset + length > font.length) throw new Error(`font table ${tag} runs past the end of the file`);
    tables.set(tag, font.subarray(offset, offset + length));
  }
  for (const tag of ['cmap', 'glyf', 'head', 'hhea', 'hmtx', 'loca', 'maxp'])
    if (!tables.has(tag)) throw new Error(`not a TrueType font: no ${tag} table`);
  return tables;
}

function table(tables: Map<string, Uint8Array>, tag: string): Uint8Array {
  return tables.get(tag) as Uint8Array;
}

/** Character → glyph number, from the font's Unicode cmap (format 12 preferred, else format 4). */
function readCharacterMap(cmap: Uint8Array): Map<number, number> {
  const data = view(cmap);
  const count = data.getUint16(2);
  const subtables: Array<{ platform: number; encoding: number; offset: number; format: number }> = [];
  for (let index = 0; index < count; index++) {
    const record = 4 + 8 * index;
    const offset = data.getUint32(record + 4);
    subtables.push({
      platform: data.getUint16(record),
      encoding: data.getUint16(record + 2),
      offset,
      format: data.getUint16(offset),
    });
  }
  const unicode = (entry: (typeof subtables)[number]) => entry.platform === 0 || (entry.platform === 3 && entry.encoding !== 0);
  const chosen =
    subtables.find((entry) => unicode(entry) && entry.format === 12) ??
    subtables.find((entry) => unicode(entry) && entry.format === 4);
  const map = new Map<number, number>();
  if (chosen === undefined) return map;
  const start = chosen.offset;
  if (chosen.format === 12) {
    const groups = data.getUint32(start + 12);
    for (let group = 0; group < groups; group++) {
      const record = start + 16 + 12 * group;
      const first = data.getUint32(record);
      const last = data.getUint32(record + 4);
      const glyph = data.getUint32(record + 8);
      for (let code = first; code <= last; code++) map.set(code, glyph + code - first);
    }
    return map;
  }
  const segments = data.getUint16(start + 6) / 2;
  const ends = start + 14;
  const starts = ends + 2 * segments + 2;
  const deltas = starts + 2 * segments;
  const rangeOffsets = deltas + 2 * segments;
  for (let segment = 0; segment < segments; segment++) {
    const last = data.getUint16(ends + 2 * segment);
    const first = data.getUint16(starts + 2 * segment);
    const delta = data.getInt16(deltas + 2 * segment);
    const rangeOffsetAt = rangeOffsets + 2 * segment;
    const rangeOffset = data.getUint16(rangeOffsetAt);
    for (let code = first; code <= last && code !== 0xffff; code++) {
      let glyph: number;
      if (rangeOffset === 0) glyph = (code + delta) & 0xffff;
      else {
        const at = rangeOffsetAt + rangeOffset + 2 * (code - first);
        glyph = at + 2 <= cmap.length ? data.getUint16(at) : 0;
        if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
      }
      if (glyph !== 0) map.set(code, glyph);
    }
  }
  return map;
}

/**
 * The characters (Unicode code points) a TrueType font has glyphs for, ascending.
 * @example trueTypeCodePoints(fontBytes).includes(0x653f) // 政
 */
export function trueTypeCodePoints(font: Uint8Array): number[] {
  return [...readCharacterMap(table(readTables(font), 'cmap')).keys()].sort((left, right) => left - right);
}

/** The glyph's bytes in the source's glyf table. */
function glyphBytes(tables: Map<string, Uint8Array>, glyph: number): Uint8Array {
  const glyf = table(tables, 'glyf');
  const loca = view(table(tables, 'loca'));
  const long = view(table(tables, 'head')).getInt16(50) === 1;
  const at = (index: number) => (long ? loca.getUint32(4 * index) : 2 * loca.getUint16(2 * index));
  return glyf.subarray(at(glyph), at(glyph + 1));
}

const moreComponents = 0x0020;

/** Offsets of the component glyph numbers in a composite glyph (none for a simple glyph). */
function componentOffsets(glyph: Uint8Array): number[] {
  if (glyph.length < 10) return [];
  const data = view(glyph);
  if (data.getInt16(0) >= 0) return [];
  const offsets: number[] = [];
  let at = 10;
  for (;;) {
    const flags = data.getUint16(at);
    offsets.push(at + 2);
    at += 4 + (flags & 0x0001 ? 4 : 2);
    if (flags & 0x0008) at += 2;
    else if (flags & 0x0040) at += 4;
    else if (flags & 0x0080) at += 8;
    if (!(flags & moreComponents)) return offsets;
  }
}

/** A cmap with one Unicode subtable, format 4 (and format 12 as well when a character lies past U+FFFF). */
function buildCharacterMap(map: ReadonlyArray<[number, number]>): Uint8Array {
  const basic = map.filter(([code]) => code < 0xffff);
  const segments: Array<{ first: number; last: number; delta: number }> = [];
  for (const [code, glyph] of basic) {
    const previous = segments[segments.length - 1];
    if (previous !== undefined && previous.last === code - 1 && previous.delta === glyph - code) previous.last = code;
    else segments.push({ first: code, last: code, delta: glyph - code });
  }
  segments.push({ first: 0xffff, last: 0xffff, delta: 1 });
  const segmentCount = segments.length;
  const format4Length = 16 + 8 * segmentCount;
  const format4 = new Uint8Array(format4Length);
  const four = view(format4);
  const power = 2 ** Math.floor(Math.log2(segmentCount));
  four.setUint16(0, 4);
  four.setUint16(2, format4Length);
  four.setUint16(6, 2 * segmentCount);
  four.setUint16(8, 2 * power);
  four.setUint16(10, Math.log2(power));
  four.setUint16(12, 2 * segmentCount - 2 * power);
  segments.forEach((segment, index) => {
    four.setUint16(14 + 2 * index, segment.last);
    four.setUint16(16 + 2 * segmentCount + 2 * index, segment.first);
    four.setUint16(16 + 4 * segmentCount + 2 * index, segment.delta & 0xffff);
  });
  const wide = map.some(([code]) => code > 0xffff);
  const groups: Array<{ first: number; last: number; glyph: number }> = [];
  if (wide)
    for (const [code, glyph] of map) {
      const previous = groups[groups.length - 1];
      if (previous !== undefined && previous.last === code - 1 && previous.glyph + (code - previous.first) === glyph)
        previous.last = code;
      else groups.push({ first: code, last: code, glyph });
    }
  const format12 = new Uint8Array(wide ? 16 + 12 * groups.length : 0);
  if (wide) {
    const twelve = view(format12);
    twelve.setUint16(0, 12);
    twelve.setUint32(4, format12.length);
    twelve.setUint32(12, groups.length);
    groups.forEach((group, index) => {
      twelve.setUint32(16 + 12 * index, group.first);
      twelve.setUint32(20 + 12 * index, group.last);
      twelve.setUint32(24 + 12 * index, group.glyph);
    });
  }
  const records = wide ? 2 : 1;
  const header = 4 + 8 * records;
  const cmap = new Uint8Array(header + format4.length + format12.length);
  const data = view(cmap);
  data.setUint16(2, records);
  data.setUint16(4, 3);
  data.setUint16(6, 1);
  data.setUint32(8, header);
  if (wide) {
    data.setUint16(12, 3);
    data.setUint16(14, 10);
    data.setUint32(16, header + format4.length);
  }
  cmap.set(format4, header);
  cmap.set(format12, header + format4.length);
  return cmap;
}

function checksum(bytes: Uint8Array): number {
  const padded = new Uint8Array(Math.ceil(bytes.length / 4) * 4);
  padded.set(bytes);
  const data = view(padded);
  let sum = 0;
  for (let at = 0; at < padded.length; at += 4) sum = (sum + data.getUint32(at)) >>> 0;
  return sum;
}

/** A font file of the given tables, sorted by tag, each padded to four bytes, with checksums and head's adjustment. */
function writeFont(tables: FontTable[]): Uint8Array {
  const sorted = [...tables].sort((left, right) => (left.tag < right.tag ? -1 : left.tag > right.tag ? 1 : 0));
  const count = sorted.length;
  const power = 2 ** Math.floor(Math.log2(count));
  let offset = 12 + 16 * count;
  const placed = sorted.map((entry) => {
    const at = offset;
    offset += Math.ceil(entry.bytes.length / 4) * 4;
    return { ...entry, at };
  });
  const font = new Uint8Array(offset);
  const data = view(font);
  data.setUint32(0, 0x00010000);
  data.setUint16(4, count);
  data.setUint16(6, 16 * power);
  data.setUint16(8, Math.log2(power));
  data.setUint16(10, 16 * count - 16 * power);
  placed.forEach((entry, index) => {
    const record = 12 + 16 * index;
    for (let character = 0; character < 4; character++) font[record + character] = entry.tag.charCodeAt(character);
    data.setUint32(record + 4, checksum(entry.bytes));
    data.setUint32(record + 8, entry.at);
    data.setUint32(record + 12, entry.bytes.length);
    font.set(entry.bytes, entry.at);
  });
  const head = placed.find((entry) => entry.tag === 'head');
  if (head !== undefined) data.setUint32(head.at + 8, (0xb1b0afba - checksum(font)) >>> 0);
  return font;
}

/**
 * A TrueType font holding only the glyphs of the given characters (and the
 * components they are built from), with the source's metrics and names.
 * Characters the font lacks are left out. The same font and characters give
 * the same bytes.
 * @example
 * const subset = subsetTrueType(notoSansSc, [...'行政主导'].map((character) => character.codePointAt(0) ?? 0));
 */
export function subsetTrueType(font: Uint8Array, codePoints: Iterable<number>): Uint8Array {
  const tables = readTables(font);
  const characterMap = readCharacterMap(table(tables, 'cmap'));
  const wanted = [...new Set(codePoints)].filter((code) => characterMap.has(code)).sort((left, right) => left - right);
  // New glyph numbers: .notdef, then the characters' glyphs in character order, then components.
  const order: number[] = [0];
  const newNumber = new Map<number, number>([[0, 0]]);
  const keep = (glyph: number) => {
    if (!newNumber.has(glyph)) {
      newNumber.set(glyph, order.length);
      order.push(glyph);
    }
  };
  for (const code of wanted) keep(characterMap.get(code) as number);
  for (let index = 0; index < order.length; index++) {
    const source = glyphBytes(tables, order[index] as number);
    for (const at of componentOffsets(source)) keep(view(source).getUint16(at));
  }

  const glyphs = order.map((glyph) => {
    const bytes = glyphBytes(tables, glyph).slice();
    for (const at of componentOffsets(bytes)) view(bytes).setUint16(at, newNumber.get(view(bytes).getUint16(at)) as number);
    return bytes;
  });
  const glyfLength = glyphs.reduce((total, bytes) => total + Math.ceil(bytes.length / 4) * 4, 0);
  const glyf = new Uint8Array(glyfLength);
  const loca = new Uint8Array(4 * (glyphs.length + 1));
  let at = 0;
  glyphs.forEach((bytes, index) => {
    view(loca).setUint32(4 * index, at);
    glyf.set(bytes, at);
    at += Math.ceil(bytes.length / 4) * 4;
  });
  view(loca).setUint32(4 * glyphs.length, at);

  const sourceHhea = view(table(tables, 'hhea'));
  const sourceMetrics = sourceHhea.getUint16(34);
  const sourceHmtx = view(table(tables, 'hmtx'));
  const hmtx = new Uint8Array(4 * order.length);
  order.forEach((glyph, index) => {
    const metric = Math.min(glyph, sourceMetrics - 1);
    const advance = sourceHmtx.getUint16(4 * metric);
    const sideBearing =
      glyph < sourceMetrics
        ? sourceHmtx.getInt16(4 * glyph + 2)
        : sourceHmtx.getInt16(4 * sourceMetrics + 2 * (glyph - sourceMetrics));
    view(hmtx).setUint16(4 * index, advance);
    view(hmtx).setInt16(4 * index + 2, sideBearing);
  });
  const hhea = table(tables, 'hhea').slice();
  view(hhea).setUint16(34, order.length);
  const maxp = table(tables, 'maxp').slice();
  view(maxp).setUint16(4, order.length);
  const head = table(tables, 'head').slice();
  view(head).setUint32(8, 0);
  view(head).setInt16(50, 1);

  const output: FontTable[] = [
    {
      tag: 'cmap',
      bytes: buildCharacterMap(wanted.map((code) => [code, newNumber.get(characterMap.get(code) as number) as number])),
    },
    { tag: 'glyf', bytes: glyf },
    { tag: 'head', bytes: head },
    { tag: 'hhea', bytes: hhea },
    { tag: 'hmtx', bytes: hmtx },
    { tag: 'loca', bytes: loca },
    { tag: 'maxp', bytes: maxp },
  ];
  for (const tag of copiedTables) {
    const source = tables.get(tag);
    if (source === undefined) continue;
    const bytes = source.slice();
    if (tag === 'post' && bytes.length >= 32) {
      // Version 3: no glyph names, which would refer to the source's glyph numbers.
      output.push({ tag, bytes: bytes.slice(0, 32) });
      view(output[output.length - 1]?.bytes as Uint8Array).setUint32(0, 0x00030000);
      continue;
    }
    if (tag === 'OS/2' && bytes.length >= 68 && wanted.length > 0) {
      view(bytes).setUint16(64, Math.min(wanted[0] as number, 0xffff));
      view(bytes).setUint16(66, Math.min(wanted[wanted.length - 1] as number, 0xffff));
    }
    output.push({ tag, bytes });
  }
  return writeFont(output);
}

const base64Alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Bytes as base64 text (for data URLs), without line breaks. */
export function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  for (let at = 0; at < bytes.length; at += 3) {
    const first = bytes[at] as number;
    const second = bytes[at + 1];
    const third = bytes[at + 2];
    const triple = (first << 16) | ((second ?? 0) << 8) | (third ?? 0);
    text += base64Alphabet[(triple >> 18) & 63];
    text += base64Alphabet[(triple >> 12) & 63];
    text += second === undefined ? '=' : base64Alphabet[(triple >> 6) & 63];
    text += third === undefined ? '=' : base64Alphabet[triple & 63];
  }
  return text;
}

/** Base64 text (line breaks and padding allowed) as bytes. */
export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/[^A-Za-z0-9+/]/g, '');
  const bytes = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let value = 0;
  let at = 0;
  for (const character of clean) {
    value = (value << 6) | base64Alphabet.indexOf(character);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[at++] = (value >> bits) & 0xff;
    }
  }
  return bytes.subarray(0, at);
}
