/**
 * The report's bundled Chinese font: which characters it must hold, and how
 * src/report/cjk-font.ts is made. Not a test itself; font.test.ts checks that
 * the bundled font holds every character below, and this file, run directly,
 * writes the module again after a new Chinese term enters the report:
 *
 *   npm pack @expo-google-fonts/noto-sans-sc@0.4.3
 *   tar xzf expo-google-fonts-noto-sans-sc-0.4.3.tgz package/400Regular/NotoSansSC_400Regular.ttf package/LICENSE_FONT
 *   npx tsx test/report/bundle-font.ts package/400Regular/NotoSansSC_400Regular.ttf package/LICENSE_FONT
 *
 * The source file's SHA-256 is checked, so the module is the same wherever it is made.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { bytesToBase64, subsetTrueType, trueTypeCodePoints } from '../../src/report/font-subset.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Where the font comes from, checked when the module is written. */
export const fontSource = {
  package: '@expo-google-fonts/noto-sans-sc@0.4.3',
  file: '400Regular/NotoSansSC_400Regular.ttf',
  family: 'Noto Sans SC',
  sha256: 'd45f67f0a7c0ca3f256950777ce6a61cc7ce5f9696d02900cbbaac25f8aa7d16',
};

/** Whether a character needs the bundled font: CJK ideographs, punctuation, full-width forms and the like. */
export function needsChineseFont(codePoint: number): boolean {
  return codePoint >= 0x2e80 && codePoint <= 0xffef;
}

/**
 * Latin letters, digits and punctuation, also kept in the subset: chart text
 * holding a Chinese term is drawn in the subset first (resvg cannot mix fonts
 * within one line where the Latin font forms ligatures), so the subset must
 * draw the rest of such a line too.
 */
export function latinCharacters(): number[] {
  const ranges: Array<[number, number]> = [
    [0x20, 0x7e],
    [0xa0, 0xff],
    [0x2010, 0x2027],
    [0x2030, 0x203a],
    [0x2212, 0x2212],
    [0x2264, 0x2265],
  ];
  return ranges.flatMap(([first, last]) => Array.from({ length: last - first + 1 }, (_, index) => first + index));
}

async function filesUnder(folder: string, suffix: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && entry.name.endsWith(suffix))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)))
    .sort();
}

/**
 * Every character a report of a shipped case can print in the bundled font:
 * those in the report's own source and in the shipped scenarios and facts.
 */
export async function reportCharacters(): Promise<number[]> {
  const files = [
    ...(await filesUnder('src/report', '.ts')).filter((file) => !file.endsWith('cjk-font.ts')),
    ...(await filesUnder('scenarios', '.json')),
  ];
  const characters = new Set<number>();
  for (const file of files)
    for (const character of await readFile(join(root, file), 'utf8')) {
      const code = character.codePointAt(0) as number;
      if (needsChineseFont(code)) characters.add(code);
    }
  return [...characters].sort((left, right) => left - right);
}

/** The text of src/report/cjk-font.ts for a source font file and its license. */
export async function fontModule(source: Uint8Array, license: string): Promise<string> {
  const digest = createHash('sha256').update(source).digest('hex');
  if (digest !== fontSource.sha256)
    throw new Error(`${fontSource.file}: SHA-256 ${digest}, expected ${fontSource.sha256} (${fontSource.package})`);
  const characters = await reportCharacters();
  const subset = subsetTrueType(source, [...latinCharacters(), ...characters]);
  const held = new Set(trueTypeCodePoints(subset));
  const missing = characters.filter((code) => !held.has(code));
  if (missing.length > 0) throw new Error(`the source font lacks ${String.fromCodePoint(...missing)}`);
  const licenseComment = license
    .trim()
    .split('\n')
    .map((line) => ` * ${line}`.trimEnd())
    .join('\n');
  return `/**
 * A subset of ${fontSource.family} (Regular) holding the ${characters.length} Chinese characters
 * that the report's text and the shipped cases use, so that the paper's terms
 * render on machines without a Chinese font, and Latin letters, digits and
 * punctuation for the rest of a line that holds them. Written by
 * test/report/bundle-font.ts from ${fontSource.file} of the npm package
 * ${fontSource.package} (SHA-256 ${fontSource.sha256}); do not edit.
 *
 * Characters: ${String.fromCodePoint(...characters)}
 *
 * The font is licensed under the SIL Open Font License 1.1, as follows; its
 * copyright and license are also in the font's name table.
 *
${licenseComment}
 */

/** The family name in the font's name table. */
export const cjkFontFamily = '${fontSource.family}';

/** The subset as a TrueType file, in base64. */
export const cjkFontBase64: string =
  '${bytesToBase64(subset)}';
`;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [fontPath, licensePath] = process.argv.slice(2);
  if (fontPath === undefined || licensePath === undefined) {
    process.stderr.write('usage: npx tsx test/report/bundle-font.ts <NotoSansSC_400Regular.ttf> <LICENSE_FONT>\n');
    process.exit(2);
  }
  const text = await fontModule(new Uint8Array(await readFile(fontPath)), await readFile(licensePath, 'utf8'));
  await writeFile(join(root, 'src/report/cjk-font.ts'), text);
  process.stdout.write(`wrote src/report/cjk-font.ts (${text.length} characters)\n`);
}
