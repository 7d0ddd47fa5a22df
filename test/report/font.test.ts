/** The bundled Chinese font: it holds every character the report can print, and each page embeds only what it uses. */
import { describe, expect, it } from 'vitest';
import {
  base64ToBytes,
  bundledChineseFont,
  bytesToBase64,
  chineseCharacters,
  chineseFontFace,
  subsetTrueType,
  svgWithChineseFont,
  trueTypeCodePoints,
} from '../../src/report/index.js';
import { latinCharacters, reportCharacters } from './bundle-font.js';

const codes = (text: string) => [...text].map((character) => character.codePointAt(0) as number);

describe('the bundled font', () => {
  it('holds every Chinese character of the report and the shipped cases, and the Latin ones a line with them needs', async () => {
    const held = new Set(trueTypeCodePoints(bundledChineseFont()));
    const missing = (await reportCharacters()).filter((code) => !held.has(code));
    // When this fails, a new Chinese term entered the report: write src/report/cjk-font.ts again (test/report/bundle-font.ts).
    expect(String.fromCodePoint(...missing)).toBe('');
    const common = codes(' AZaz09.,;:!?()[]/%+=–—‘’“”§·×÷−≥');
    expect(common.filter((code) => latinCharacters().includes(code) && !held.has(code))).toEqual([]);
    for (const code of codes('疲于奔命行政主导政社共同生产无感痛点')) expect(held.has(code)).toBe(true);
  });

  it('is small: tens of kilobytes', () => {
    expect(bundledChineseFont().length).toBeGreaterThan(20_000);
    expect(bundledChineseFont().length).toBeLessThan(150_000);
  });
});

describe('subsetTrueType', () => {
  const font = bundledChineseFont();

  it('keeps exactly the characters asked for that the font has, the same bytes every time', () => {
    const subset = subsetTrueType(font, codes('行政主导A\u{1F600}'));
    expect(trueTypeCodePoints(subset)).toEqual(codes('A主导政行').sort((left, right) => left - right));
    expect(subsetTrueType(font, codes('导主行政A'))).toEqual(subset);
    expect(subset.length).toBeLessThan(font.length / 10);
    // A subset of the subset is the same font as the subset made directly.
    expect(subsetTrueType(subset, codes('政'))).toEqual(subsetTrueType(font, codes('政')));
  });

  it('writes a font whose tables all sum to the head checksum constant', () => {
    const subset = subsetTrueType(font, codes('疲于奔命'));
    const padded = new Uint8Array(Math.ceil(subset.length / 4) * 4);
    padded.set(subset);
    const view = new DataView(padded.buffer);
    let sum = 0;
    for (let at = 0; at < padded.length; at += 4) sum = (sum + view.getUint32(at)) >>> 0;
    expect(sum).toBe(0xb1b0afba);
  });

  it('refuses what is not a TrueType font', () => {
    expect(() => subsetTrueType(new TextEncoder().encode('<svg/> not a font at all'), [0x41])).toThrow(/not a TrueType font/);
    expect(() => trueTypeCodePoints(new Uint8Array(4))).toThrow(/too short/);
  });
});

describe('base64', () => {
  it('round-trips any bytes', () => {
    for (const length of [0, 1, 2, 3, 4, 5, 255]) {
      const bytes = Uint8Array.from({ length }, (_, index) => (index * 37 + length) % 256);
      const text = bytesToBase64(bytes);
      expect(text).toBe(Buffer.from(bytes).toString('base64'));
      expect(base64ToBytes(text)).toEqual(bytes);
    }
  });
});

describe('the font of a page', () => {
  it('embeds only the Chinese characters the text uses, limited to them by its unicode-range', () => {
    const face = chineseFontFace('Run off their feet: 疲于奔命, 疲于奔命.');
    expect(face).toMatch(
      /^@font-face \{ font-family: 'govsim Noto Sans SC'; src: url\(data:font\/ttf;base64,[A-Za-z0-9+/=]+\) format\('truetype'\); unicode-range: U\+4E8E, U\+547D, U\+5954, U\+75B2; \}$/,
    );
    const embedded = base64ToBytes((/base64,([^)]+)\)/.exec(face) as RegExpExecArray)[1] as string);
    expect(trueTypeCodePoints(embedded)).toEqual(codes('于命奔疲'));
    expect(chineseFontFace('no Chinese here')).toBe('');
    expect(chineseCharacters('A 行 B 行 ☃')).toEqual(codes('行'));
  });

  it('puts the glyphs of a chart’s Chinese text in the SVG itself', () => {
    const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><text>疲于奔命</text></svg>';
    expect(svgWithChineseFont(svg)).toMatch(
      /^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="10" height="10"><defs><style>@font-face \{[^}]+\}<\/style><\/defs><text>疲于奔命<\/text><\/svg>$/,
    );
    const plain = '<svg xmlns="http://www.w3.org/2000/svg"><text>load</text></svg>';
    expect(svgWithChineseFont(plain)).toBe(plain);
  });
});
