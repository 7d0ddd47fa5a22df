/**
 * The Chinese font of the report's pages and charts: the bundled Noto Sans SC
 * subset (cjk-font.ts), cut down again for each page to the characters it
 * shows, and embedded as a data URL, so that the paper's terms render on
 * machines without a Chinese font and the page stays one self-contained file.
 */
import { cjkFontBase64, cjkFontFamily } from './cjk-font.js';
import { base64ToBytes, bytesToBase64, subsetTrueType, trueTypeCodePoints } from './font-subset.js';

/** The family name the report's pages give the embedded font (the charts list it before the system fonts). */
export const embeddedFontFamily = `govsim ${cjkFontFamily}`;

let bundled: { bytes: Uint8Array; codePoints: Set<number> } | undefined;

function bundledFont(): { bytes: Uint8Array; codePoints: Set<number> } {
  if (bundled === undefined) {
    const bytes = base64ToBytes(cjkFontBase64);
    bundled = { bytes, codePoints: new Set(trueTypeCodePoints(bytes)) };
  }
  return bundled;
}

/** The bundled Chinese font as a TrueType file (for rasterisers that take font files). */
export function bundledChineseFont(): Uint8Array {
  return bundledFont().bytes;
}

/** Whether a character is drawn from the embedded font in pages: CJK ideographs, punctuation and full-width forms. */
export function isChineseCharacter(codePoint: number): boolean {
  return codePoint >= 0x2e80 && codePoint <= 0xffef;
}

/** The Chinese characters of a text that the bundled font holds, ascending. */
export function chineseCharacters(text: string): number[] {
  const { codePoints } = bundledFont();
  const found = new Set<number>();
  for (const character of text) {
    const code = character.codePointAt(0) as number;
    if (isChineseCharacter(code) && codePoints.has(code)) found.add(code);
  }
  return [...found].sort((left, right) => left - right);
}

/**
 * A CSS `@font-face` rule embedding the glyphs the text needs from the bundled
 * font, limited to those characters by its unicode-range; empty when the text
 * needs none.
 * @example chineseFontFace('疲于奔命') // "@font-face { font-family: 'govsim Noto Sans SC'; … }"
 */
export function chineseFontFace(text: string): string {
  const characters = chineseCharacters(text);
  if (characters.length === 0) return '';
  const subset = subsetTrueType(bundledFont().bytes, characters);
  const range = characters.map((code) => `U+${code.toString(16).toUpperCase()}`).join(', ');
  return `@font-face { font-family: '${embeddedFontFamily}'; src: url(data:font/ttf;base64,${bytesToBase64(subset)}) format('truetype'); unicode-range: ${range}; }`;
}

/**
 * An SVG with the glyphs of its Chinese text embedded (a style element right
 * after the opening tag), so that it renders alone, outside the report page;
 * unchanged when it has none.
 */
export function svgWithChineseFont(svg: string): string {
  const face = chineseFontFace(svg);
  if (face === '') return svg;
  return svg.replace(/<svg\b[^>]*>/, (opening) => `${opening}<defs><style>${face}</style></defs>`);
}
