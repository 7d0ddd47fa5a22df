/** What the HTML pages of reports share: escaping, number formatting and the stylesheet. */

/** Text made safe to put in HTML. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** A run of Chinese text: a Han character, then Han characters and CJK or full-width punctuation. */
const chineseRun = /[\u3400-\u4dbf\u4e00-\u9fff][\u3400-\u4dbf\u4e00-\u9fff\u3000-\u303f\uff00-\uffef]*/g;

/**
 * HTML with each run of Chinese in its text marked `lang="zh-Hans"`, so that a screen reader reads the paper's terms
 * in Chinese rather than spelling them out in an English voice. Text inside `<svg>`, `<style>`, `<script>` and
 * `<title>` is left as it is (a chart is one image, named by its heading), as are attributes. A tag is read up to
 * its first `>`: the HTML given must have its attribute values escaped ({@link escapeHtml} escapes `>`), and an
 * `<svg>` must hold no other.
 * @example markChinese('<p>administrative-led (行政主导)</p>') // '<p>administrative-led (<span lang="zh-Hans">行政主导</span>)</p>'
 */
export function markChinese(html: string): string {
  let inside: string | undefined;
  return html.replaceAll(/(<[^>]*>)|([^<]+)/g, (token, tag: string | undefined) => {
    if (tag !== undefined) {
      const name = /^<(\/?)([a-zA-Z]+)/.exec(tag);
      if (name !== null) {
        const element = (name[2] as string).toLowerCase();
        if (inside === undefined && name[1] === '' && ['svg', 'style', 'script', 'title'].includes(element)) inside = element;
        else if (inside === element && name[1] === '/') inside = undefined;
      }
      return tag;
    }
    return inside === undefined ? token.replaceAll(chineseRun, '<span lang="zh-Hans">$&</span>') : token;
  });
}

/**
 * Markdown whose text came in part from input files (a case's title, a scenario's description, a variant's label)
 * made safe to render: every `<` that could open an HTML tag or an autolink is written `&lt;` (code spans included,
 * so that no run of backticks, escaped or unmatched, can hide one: govsim's own Markdown puts none in code), and a
 * link or link reference to any address with a scheme but http and https (`javascript:`, `&#106;avascript:`) is
 * broken (`]\(`, `\[`), so that a viewer shows them rather than runs them.
 * @example safeMarkdown('# <script>x</script> [a](javascript:x) [b](https://example.org)') // '# &lt;script>x&lt;/script> [a]\\(javascript:x) [b](https://example.org)'
 */
export function safeMarkdown(markdown: string): string {
  // An address with a scheme (letters, digits, entities, before a colon that comes before any /, ? or #) other
  // than http or https.
  const otherScheme = (address: string) => {
    // An entity (`&#106;`) stands for a character of the scheme: read as one.
    const trimmed = address
      .trim()
      .replace(/^</, '')
      .replaceAll(/&#?\w+;/g, 'x');
    return /^[^/?#]*:/.test(trimmed) && !/^https?:\/\//i.test(trimmed);
  };
  return markdown
    .replaceAll(/<(?=[A-Za-z/!?])/g, '&lt;')
    .replaceAll(/\]\(([^)\n]*)/g, (link, address: string) => (otherScheme(address) ? `]\\(${address}` : link))
    .replaceAll(/^( {0,3})\[([^\]\n]+)\]:([^\n]*)/gm, (definition, indent: string, label: string, address: string) =>
      otherScheme(address) ? `${indent}\\[${label}]:${address}` : definition,
    );
}

/** Text written for Markdown, in HTML: escaped, and each `code` span set as <code>. */
export function inlineHtml(text: string): string {
  return escapeHtml(text).replaceAll(/`([^`]+)`/g, '<code>$1</code>');
}

/** A number for reading: `digits` significant digits without trailing zeros, one decimal from 100 on, — when undefined. */
export function number(value: number, digits = 3): string {
  if (!Number.isFinite(value)) return '—';
  const magnitude = Math.abs(value);
  if (magnitude >= 100) return value.toFixed(1);
  return value
    .toPrecision(digits)
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

/**
 * A number among others of its kind (a row of readings, a table column): three significant digits with trailing
 * zeros kept, so that 1.10 stands beside 0.816 at one precision; 0 as 0, one decimal from 100 on, a true minus sign
 * (−0.0479), — when undefined.
 */
export function alignedNumber(value: number): string {
  if (!Number.isFinite(value)) return '—';
  if (value === 0) return '0';
  return (Math.abs(value) >= 100 ? value.toFixed(1) : value.toPrecision(3)).replace('-', '−');
}

/** {@link number} with a true minus sign: "−0.52". */
export function signedNumber(value: number, digits = 3): string {
  return number(value, digits).replace('-', '−');
}

/** A share as a percentage: govsim's one definition (`core/number-text.ts`). */
export { percent } from '../core/index.js';

/**
 * The stylesheet of every report page (inline, so a page is one self-contained file). The embedded Chinese font comes
 * first: it covers only Chinese characters (its unicode-range), so Latin text falls through to DejaVu Sans, and
 * Chromium, which draws the first text of each size and weight with the fallback when an embedded font comes later
 * in the list, draws every Chinese term with it. Facts that are not reproduced are set apart as findings, in neutral
 * colours: they are results, not errors.
 */
export const reportStylesheet = `body { font-family: 'govsim Noto Sans SC', 'DejaVu Sans', Verdana, 'Noto Sans SC', 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ddd; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
th a { color: inherit; }
tbody th { font-weight: normal; }
caption { text-align: left; font-size: 0.9em; color: #444; padding-bottom: 0.3em; }
table.numbers td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
table.supplement td { font-variant-numeric: tabular-nums; vertical-align: top; }
table.facts tr.reproduced td:last-child { color: #1e5b34; } table.facts tr.not-reproduced td:last-child { color: #5b4a1e; font-style: italic; }
tr.not-reproduced td { background: #fcfaf4; } tr.not-applicable td { background: #f6f6f6; } table.facts tr.not-applicable td:last-child { color: #666; font-style: italic; }
.finding { border-left: 3px solid #b8a06a; background: #fbf8f0; padding: 0.1em 0.7em; margin: 0.4em 0; font-size: 0.92em; }
.finding p { margin: 0.35em 0; }
.statement { color: #333; } .paper { color: #666; font-size: 0.9em; } .checks { margin: 0.3em 0; padding-left: 1.2em; color: #444; font-size: 0.92em; }
.detail { font-size: 0.92em; color: #444; } figure { margin: 0; overflow-x: auto; } .reading { color: #444; font-size: 0.95em; }
.summary { background: #f4f7fa; border: 1px solid #d8e0e8; padding: 0.2em 1em; } .explore { background: #f4faf5; border: 1px solid #cfe3d4; padding: 0.5em 1em; }
dl.glossary { display: grid; grid-template-columns: minmax(10em, 16em) 1fr; gap: 0.3em 1em; font-size: 0.93em; }
dl.glossary dt { font-weight: bold; } dl.glossary dd { margin: 0; }
ul.findings { padding-left: 1.2em; } ul.findings li { margin: 0.25em 0; }
ul.findings li.no-clear-difference, ul.findings li.too-small, ul.findings li.opposite { color: #5b4a1e; }
.findings-intro, .onset { font-size: 0.95em; color: #333; }
figure svg { max-width: 100%; height: auto; }
@media (max-width: 720px) { table { display: block; overflow-x: auto; } dl.glossary { grid-template-columns: 1fr; } dl.glossary dd { margin-bottom: 0.4em; } }`;
