/**
 * The paper's Chinese terms in the explorer's scenario descriptions drawn
 * from the report's bundled Noto Sans SC subset, so that they
 * render where no Chinese font is installed. The font is loaded, as a chunk
 * of its own, only once some text shown needs it; each text adds the glyphs
 * it needs to the page's @font-face rules.
 */

const chineseText = /[\u2e80-\uffef]/u;

/** Characters already given a font face (a text that brings nothing new adds no rule). */
const covered = new Set<string>();

/**
 * Makes sure the Chinese characters of `text` have a font face on the page,
 * loading the bundled font the first time any are needed. Resolves when the
 * rule is in place (at once when the text needs none).
 */
export async function ensureChineseFont(text: string): Promise<void> {
  if (!chineseText.test(text)) return;
  const fresh = [...new Set(text)].filter((character) => chineseText.test(character) && !covered.has(character));
  if (fresh.length === 0) return;
  // Covered once the font is in hand: a chunk that failed to load is tried again with the next text.
  const { chineseFontFace } = await import('../../src/report/report-font.js');
  const unseen = fresh.filter((character) => !covered.has(character));
  for (const character of unseen) covered.add(character);
  if (unseen.length === 0) return;
  const face = chineseFontFace(unseen.join(''));
  if (face === '') return;
  const style = document.createElement('style');
  style.dataset.font = 'chinese';
  style.textContent = face;
  document.head.append(style);
}
