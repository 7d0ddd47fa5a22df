/** What the HTML pages of reports share: escaping, number formatting and the stylesheet. */

/** Text made safe to put in HTML. */
export function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
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

/** The stylesheet of every report page (inline, so a page is one self-contained file). */
export const reportStylesheet = `body { font-family: 'DejaVu Sans', Verdana, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; max-width: 980px; margin: 2em auto; padding: 0 1em; color: #222; line-height: 1.45; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccc; } h3 { margin-top: 1.5em; }
table { border-collapse: collapse; width: 100%; font-size: 0.9em; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ddd; padding: 0.35em 0.5em; vertical-align: top; text-align: left; }
table.numbers td:not(:first-child) { text-align: right; font-variant-numeric: tabular-nums; }
tr.fail td { background: #fff4f2; } tr.pass td:last-child { color: #1e7b34; } tr.fail td:last-child { color: #b22222; font-weight: bold; }
tr.na td { background: #f6f6f6; } tr.na td:last-child { color: #666; font-style: italic; }
.statement { color: #333; } .paper { color: #666; font-size: 0.9em; } .checks { margin: 0.3em 0; padding-left: 1.2em; color: #444; font-size: 0.92em; }
.detail { font-size: 0.92em; color: #444; } figure { margin: 0; overflow-x: auto; } .reading { color: #444; font-size: 0.95em; }`;
