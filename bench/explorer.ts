/**
 * The explorer's weight and speed: the built site's files (bytes, and gzipped
 * as a static host would serve them), and in Debian's chromium the median over
 * fresh loads of the time to the first frame (the page drawn, no week yet), to
 * the first chart (a Z Street case link at week 104: both runs simulated in the
 * worker and drawn), and of playing both runs from week 0 to 104 as fast as the
 * worker goes. Run with `npx tsx bench/explorer.ts [loads]` (default 5).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { browserAvailable, buildSite, chromiumPath, launchBrowser, serveStatic, siteFiles } from '../test/explorer/site.js';
import { helpOnRequest, refuse, wholeNumberArgument } from './arguments.js';
import { machineLine, median } from './median.js';

const usage = 'usage: npx tsx bench/explorer.ts [loads]';
helpOnRequest(usage);
if (process.argv.length > 3) refuse(`unknown arguments: ${process.argv.slice(3).join(' ')}`, usage);
const loads = wholeNumberArgument(process.argv[2], 'loads', 5, usage);
if (!browserAvailable) {
  console.error(`no chromium at ${chromiumPath} (apt-get install chromium, or set GOVSIM_CHROMIUM)`);
  process.exit(2);
}
const folder = await mkdtemp(join(tmpdir(), 'govsim-explorer-bench-'));
const site = join(folder, 'site');
console.log(`govsim explorer: bundle size and time to first chart, median of ${loads} fresh loads`);
console.log(machineLine());
const buildMs = await buildSite(site);
console.log(`vite build: ${(buildMs / 1000).toFixed(1)} s`);
console.log('');
console.log('file                                        bytes     gzipped');
let total = 0;
let totalGzipped = 0;
for (const [path, bytes] of [...(await siteFiles(site))].sort(([left], [right]) => (left < right ? -1 : 1))) {
  const gzipped = gzipSync(bytes, { level: 9 }).length;
  total += bytes.length;
  totalGzipped += gzipped;
  console.log(`${path.padEnd(40)}${String(bytes.length).padStart(9)}${String(gzipped).padStart(12)}`);
}
console.log(`${'total'.padEnd(40)}${String(total).padStart(9)}${String(totalGzipped).padStart(12)}`);

const server = await serveStatic(site, '/');
const browser = await launchBrowser();
const firstFrame: number[] = [];
const firstChart: number[] = [];
const playing: number[] = [];
try {
  for (let load = 0; load < loads; load++) {
    const opening = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const opened = await opening.newPage();
    await opened.goto(`${server.url}#scenario=z-street%2Fcase&week=0`);
    await opened.waitForFunction(() => performance.getEntriesByName('govsim:first-frame').length > 0, undefined, {
      timeout: 60_000,
    });
    firstFrame.push(await opened.evaluate(() => performance.getEntriesByName('govsim:first-frame')[0]?.startTime ?? Number.NaN));
    await opening.close();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 } });
    const page = await context.newPage();
    await page.goto(`${server.url}#scenario=z-street%2Fcase&week=104`);
    await page.waitForFunction(() => performance.getEntriesByName('govsim:first-chart').length > 0, undefined, {
      timeout: 60_000,
    });
    firstChart.push(await page.evaluate(() => performance.getEntriesByName('govsim:first-chart')[0]?.startTime ?? Number.NaN));
    await page.click('#reset');
    await page.waitForSelector('body[data-week="0"][data-busy="false"]');
    const started = await page.evaluate(() => performance.now());
    await page.click('#run-to-end');
    await page.waitForSelector('body[data-week="104"][data-playing="false"]', { timeout: 60_000 });
    playing.push((await page.evaluate(() => performance.now())) - started);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
  await rm(folder, { recursive: true, force: true });
}
const range = (values: number[]) => `${Math.min(...values).toFixed(0)}–${Math.max(...values).toFixed(0)}`;
console.log('');
console.log('measure (Z Street case, 2 runs × 2253 households)        median ms   range ms');
console.log(
  `first frame (a week-0 link: page and empty charts)     ${median(firstFrame).toFixed(0).padStart(9)}   ${range(firstFrame)}`,
);
console.log(
  `first chart (both runs to week 104, drawn)             ${median(firstChart).toFixed(0).padStart(9)}   ${range(firstChart)}`,
);
console.log(
  `play week 0 → 104, as fast as possible, drawn live     ${median(playing).toFixed(0).padStart(9)}   ${range(playing)}`,
);
