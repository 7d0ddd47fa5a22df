/**
 * The explorer in a real browser: the site built and served as static files
 * from a sub-folder, then driven like a student would — both modes run to the
 * end, reset, a week stepped, a slider moved, a mode toggled, a comparison
 * run, a scenario file dropped in — with every number shown checked against a
 * Node run of the same scenario and seed, the address reopened in a fresh
 * page, and screenshots saved to out/explorer-screenshots/.
 */
import { mkdir, mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import administrativeLed from '../../scenarios/y-community-administrative-led.json' with { type: 'json' };
import { shippedCases, shippedScenarios } from '../../src/node/index.js';
import { applyOverrides, parseScenario, type Scenario } from '../../src/scenario/index.js';
import {
  compareScenarios,
  createModel,
  formatNumber,
  runScenario,
  runSeed,
  toJson,
  weeksToCsv,
} from '../../src/simulation/index.js';
import { browserAvailable, browserRequired, buildSite, chromiumPath, launchBrowser, serveStatic } from './site.js';

const screenshots = 'out/explorer-screenshots';
const confirmation = 'parameters.docking.confirmationChance';
const seed = 2018;

if (!browserAvailable && !browserRequired)
  console.warn(
    `Skipping the explorer's browser tests: no chromium at ${chromiumPath} (apt-get install chromium, or set GOVSIM_CHROMIUM). Set GOVSIM_REQUIRE_BROWSER=1 to make this a failure.`,
  );

/** The scenario of run A (the file as written) and B (co-production held throughout), with overrides, built in Node. */
function nodeScenarios(overrides: Record<string, number> = {}): { a: Scenario; b: Scenario } {
  return {
    a: applyOverrides(administrativeLed, overrides),
    b: applyOverrides(
      { ...administrativeLed, name: 'y-community-administrative-led (co-production throughout)', mode: 'co-production' },
      overrides,
    ),
  };
}

/** The record a readout shows, as JSON (non-finite numbers null). */
async function shownRecord(page: Page, run: 'a' | 'b'): Promise<unknown> {
  return JSON.parse((await page.getAttribute(`table.readout[data-run="${run}"]`, 'data-record')) ?? 'null');
}

/** A week's record as the page writes it. */
function asShown(record: unknown): unknown {
  return JSON.parse(toJson(record));
}

/**
 * The largest relative difference allowed between a number the page shows and
 * Node's. The browser's JavaScript engine may round Math.exp, Math.log,
 * Math.pow, Math.sin and others differently from Node's in the last bit (Chromium
 * 156 and Node 20 differ on a few percent of arguments), so a run in the page
 * agrees with Node's to about 15 significant digits, not always to the byte.
 */
const tolerance = 1e-12;

/** Whether two numbers agree within {@link tolerance} (NaN with NaN; null, as JSON writes NaN, with null). */
function close(actual: unknown, expected: unknown): boolean {
  if (typeof actual !== 'number' || typeof expected !== 'number') return Object.is(actual, expected);
  if (Number.isNaN(actual) || Number.isNaN(expected)) return Number.isNaN(actual) && Number.isNaN(expected);
  return Math.abs(actual - expected) <= tolerance * Math.max(Math.abs(expected), 1e-300);
}

/** Expects the same keys with numbers that agree within {@link tolerance}, naming the first that does not. */
function expectSameNumbers(actual: unknown, expected: unknown): void {
  expect(actual).toBeTypeOf('object');
  const shown = actual as Record<string, unknown>;
  const wanted = expected as Record<string, unknown>;
  expect(Object.keys(shown)).toEqual(Object.keys(wanted));
  const differing = Object.keys(wanted).filter((key) => !close(shown[key], wanted[key]));
  expect(differing.map((key) => `${key}: ${shown[key]} ≠ ${wanted[key]}`)).toEqual([]);
}

/** Expects two weekly CSVs with the same header and rows, each cell's number within {@link tolerance}. */
function expectSameCsv(actual: string, expected: string): void {
  const rows = (text: string) => text.trimEnd().split('\n');
  const [shownHeader, ...shownRows] = rows(actual);
  const [wantedHeader, ...wantedRows] = rows(expected);
  expect(shownHeader).toBe(wantedHeader);
  expect(shownRows).toHaveLength(wantedRows.length);
  const cells = (row: string) => row.split(',').map((cell) => (cell === '' ? Number.NaN : Number(cell)));
  shownRows.forEach((row, index) => {
    const shown = cells(row);
    const wanted = cells(wantedRows[index] as string);
    expect(shown.length).toBe(wanted.length);
    const differing = wanted.flatMap((value, column) =>
      close(shown[column], value) ? [] : [`week ${index + 1} column ${column}`],
    );
    expect(differing).toEqual([]);
  });
}

/** Waits until the engine has answered every request and the page shows `week`. */
async function settled(page: Page, week: number): Promise<void> {
  await page.waitForSelector(`body[data-ready="true"][data-busy="false"][data-playing="false"][data-week="${week}"]`, {
    timeout: 30_000,
  });
  await page.waitForSelector(`table.readout[data-run="b"][data-week="${week}"]`, { timeout: 30_000 });
}

/** Clicks a button that offers a download; resolves to the file's name and text. */
async function downloaded(page: Page, selector: string): Promise<{ name: string; text: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click(selector)]);
  const path = await download.path();
  return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** The parts of a canvas element the pixel count reads (this file is typechecked without the DOM's types). */
interface PageCanvas {
  width: number;
  height: number;
  getContext(
    kind: '2d',
  ): { getImageData(x: number, y: number, width: number, height: number): { data: ArrayLike<number> } } | null;
}

/** Pixels of each canvas matched by `selector` that are not (near) white, the pages' background. */
async function drawnPixels(page: Page, selector: string): Promise<number[]> {
  return page.$$eval(selector, (canvases) =>
    (canvases as unknown[] as PageCanvas[]).map((canvas) => {
      const context = canvas.getContext('2d');
      if (context === null || canvas.width === 0 || canvas.height === 0) return 0;
      const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
      let drawn = 0;
      for (let index = 0; index < data.length; index += 4)
        if (
          (data[index + 3] as number) > 0 &&
          ((data[index] as number) < 245 || (data[index + 1] as number) < 245 || (data[index + 2] as number) < 245)
        )
          drawn++;
      return drawn;
    }),
  );
}

describe.skipIf(!browserAvailable && !browserRequired)('the explorer in a browser', () => {
  let folder = '';
  let site: { url: string; close: () => Promise<void> } | undefined;
  let browser: Browser | undefined;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'govsim-explorer-'));
    await buildSite(join(folder, 'site'));
    site = await serveStatic(join(folder, 'site'), '/hosted/govsim/');
    browser = await launchBrowser();
    const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') pageErrors.push(message.text());
    });
    await mkdir(screenshots, { recursive: true });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (folder !== '') await rm(folder, { recursive: true, force: true });
  });

  it('runs both modes to week 104 with the numbers of a Node run on the same seed', async () => {
    await page.goto(`${site?.url}#scenario=y-community-administrative-led&seed=${seed}&speed=0`);
    await settled(page, 0);
    expect(await page.$$eval('.uplot', (charts) => charts.length)).toBe(8);
    await page.click('#run-to-end');
    await settled(page, 104);
    const { a, b } = nodeScenarios();
    expectSameNumbers(await shownRecord(page, 'a'), asShown(runScenario(a, { seed }).weeks[103]));
    expectSameNumbers(await shownRecord(page, 'b'), asShown(runScenario(b, { seed }).weeks[103]));
    expect(await page.getAttribute('table.readout[data-run="a"]', 'data-seed')).toBe(String(seed));
    // The seed of the link is not the scenario's own: the line under it says so, and which seed that is.
    expect(await page.textContent('#seed-note')).toBe(
      `Not replicate 0 of run A's scenario as it now stands, whose seed is ${runSeed(a, 0)} (govsim run gives that one, and a comparison starts from it): clear the box to use it.`,
    );
    expect(await page.textContent('#week-label')).toBe('week 104 of 104');
    // Counts read as whole numbers; the waste share the report charts is shown beside the money.
    const shown = (measure: string, run = 'b') =>
      page.textContent(`table.readout[data-run="${run}"] tr[data-measure="${measure}"] td.value`);
    expect(await shown('projectsDone')).toBe(String(runScenario(b, { seed }).weeks[103]?.projectsDone));
    // A share reads with its decimals and its unit, so that 1 is not taken for one household.
    expect(await shown('awareShare')).toMatch(/^\d\.\d{3}$/);
    expect(await page.textContent('table.readout[data-run="b"] tr[data-measure="awareShare"] td.unit')).toBe('share');
    // The waste share as the Node run has it, to the three decimals a reader sees (whatever rule writes them).
    const waste = runScenario(a, { seed }).weeks[103]?.wasteShare as number;
    const wasteShown = (await shown('wasteShare', 'a')) ?? '';
    expect(wasteShown).toMatch(/^\d(\.\d{1,3})?$/);
    expect(Math.abs(Number(wasteShown) - waste)).toBeLessThanOrEqual(0.0005);
  }, 60_000);

  it('exports each run’s weekly CSV (the numbers of the library’s) and scenario (the same bytes)', async () => {
    const { a, b } = nodeScenarios();
    const csvA = await downloaded(page, '#export-csv-a');
    expect(csvA.name).toBe(`y-community-administrative-led.seed-${seed}.weeks.csv`);
    expectSameCsv(csvA.text, weeksToCsv(runScenario(a, { seed }).weeks));
    const csvB = await downloaded(page, '#export-csv-b');
    expectSameCsv(csvB.text, weeksToCsv(runScenario(b, { seed }).weeks));
    const scenarioB = await downloaded(page, '#export-scenario-b');
    expect(scenarioB.text).toBe(toJson(b));
    const exported = parseScenario(JSON.parse(scenarioB.text));
    expect(exported).toEqual(b);
    expectSameCsv(csvB.text, weeksToCsv(runScenario(exported, { seed }).weeks));
  }, 60_000);

  it('resets to week 0 and steps one week at a time', async () => {
    await page.click('#reset');
    await settled(page, 0);
    await page.click('#step');
    await settled(page, 1);
    await page.click('#step');
    await settled(page, 2);
    const { a, b } = nodeScenarios();
    const modelA = createModel(a, { seed });
    const modelB = createModel(b, { seed });
    expectSameNumbers(await shownRecord(page, 'a'), asShown(modelA.run(2)[1]));
    expectSameNumbers(await shownRecord(page, 'b'), asShown(modelB.run(2)[1]));
  }, 60_000);

  it('reruns both modes when a slider moves, matching a Node run with that parameter', async () => {
    const slider = `.parameter[data-path="${confirmation}"] input[type="range"]`;
    await page.focus(slider);
    for (let press = 0; press < 5; press++) await page.keyboard.press('ArrowRight');
    await settled(page, 2);
    expect(await page.getAttribute(`.parameter[data-path="${confirmation}"]`, 'data-value')).toBe('0.65');
    expect(await page.getAttribute(`.parameter[data-path="${confirmation}"]`, 'class')).toContain('changed');
    await page.click('#run-to-end');
    await settled(page, 104);
    const { a, b } = nodeScenarios({ [confirmation]: 0.65 });
    const runA = runScenario(a, { seed });
    expectSameNumbers(await shownRecord(page, 'a'), asShown(runA.weeks[103]));
    expectSameNumbers(await shownRecord(page, 'b'), asShown(runScenario(b, { seed }).weeks[103]));
    expect(runA.weeks[103]).not.toEqual(runScenario(nodeScenarios().a, { seed }).weeks[103]);
  }, 60_000);

  it('holds the whole state in the address: a fresh page opened on it shows the same', async () => {
    await expect.poll(() => page.getAttribute('body', 'data-url')).toContain(`set.${encodeURIComponent(confirmation)}=0.65`);
    await expect.poll(() => page.getAttribute('body', 'data-url')).toContain('week=104');
    const address = page.url();
    expect(address).toContain(`seed=${seed}`);
    const fresh = await page.context().newPage();
    fresh.on('pageerror', (error) => pageErrors.push(error.message));
    await fresh.goto(address);
    await settled(fresh, 104);
    for (const run of ['a', 'b'] as const) expect(await shownRecord(fresh, run)).toEqual(await shownRecord(page, run));
    expect(await fresh.getAttribute(`.parameter[data-path="${confirmation}"]`, 'data-value')).toBe('0.65');
    expect(await fresh.inputValue('.run-mode[data-run="b"] select')).toBe('co-production');
    expect(fresh.url()).toBe(address);
    await fresh.close();
  }, 60_000);

  it('goes Back to the scenario left, as it was, when another was picked, and Forward again', async () => {
    const visit = await page.context().newPage();
    visit.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await visit.goto(`${site?.url}#scenario=y-community-administrative-led&seed=${seed}&week=3`);
      await settled(visit, 3);
      // A parameter changed, then another scenario picked at once (within the address's delay).
      await visit.fill(`.parameter[data-path="${confirmation}"] input[type="number"]`, '0.7');
      await visit.dispatchEvent(`.parameter[data-path="${confirmation}"] input[type="number"]`, 'change');
      await settled(visit, 3);
      await visit.selectOption('#scenario', 'y-community-co-production');
      await settled(visit, 0);
      await visit.goBack();
      await settled(visit, 3);
      expect(await visit.inputValue('#scenario')).toBe('y-community-administrative-led');
      expect(await visit.getAttribute(`.parameter[data-path="${confirmation}"]`, 'data-value')).toBe('0.7');
      expect(await visit.inputValue('#seed')).toBe(String(seed));
      await visit.goForward();
      await settled(visit, 0);
      expect(await visit.inputValue('#scenario')).toBe('y-community-co-production');
    } finally {
      await visit.close();
    }
  }, 60_000);

  it('toggles a mechanism of one run and shows the preset it makes', async () => {
    await page.click('.run-mode[data-run="b"] input[data-mechanism="integration"]');
    await settled(page, 104);
    expect(await page.inputValue('.run-mode[data-run="b"] select')).toBe('participation-only');
    const participationOnly = applyOverrides(
      {
        ...administrativeLed,
        name: 'y-community-administrative-led (participation-only throughout)',
        mode: 'participation-only',
      },
      { [confirmation]: 0.65 },
    );
    expectSameNumbers(await shownRecord(page, 'b'), asShown(runScenario(participationOnly, { seed }).weeks[103]));
    // A mode no preset makes (pressure high with participation) reads custom; custom itself cannot be chosen.
    await page.click('.run-mode[data-run="b"] input[data-mechanism="pressure"]');
    await settled(page, 104);
    expect(await page.inputValue('.run-mode[data-run="b"] select')).toBe('custom');
    expect(await page.$eval('.run-mode[data-run="b"] option[value="custom"]', (option) => option.hasAttribute('disabled'))).toBe(
      true,
    );
    await page.selectOption('.run-mode[data-run="b"] select', 'co-production');
    await settled(page, 104);
  }, 60_000);

  it('shows a value typed beyond the valid range at its field, and runs again once it is valid', async () => {
    const field = `.parameter[data-path="${confirmation}"]`;
    await page.fill(`${field} input[type="number"]`, '1.5');
    await page.dispatchEvent(`${field} input[type="number"]`, 'change');
    await page.waitForSelector(`${field}.invalid`);
    expect(await page.textContent(`${field} .problem`)).not.toBe('');
    expect(await page.textContent('#messages')).toContain(confirmation);
    // Nothing can run meanwhile: Reset leaves the week the runs show, greyed, and the week's label says why.
    await page.click('#reset');
    expect(await page.getAttribute('body', 'data-week')).toBe('104');
    expect(await page.getAttribute('body', 'data-invalid')).toBe('true');
    expect(await page.textContent('#week-label')).toBe('not run: fix the problems listed above');
    // Nor can a comparison: Compare says why, where it used to do nothing.
    await page.click('#compare-run');
    expect(await page.textContent('#compare-status')).toBe('not compared: fix the problems listed above first');
    await page.fill(`${field} input[type="number"]`, '0.65');
    await page.dispatchEvent(`${field} input[type="number"]`, 'change');
    await settled(page, 104);
    expect(await page.getAttribute('body', 'data-invalid')).toBe('false');
    expect(await page.$$(`${field}.invalid`)).toHaveLength(0);
    expect(await page.textContent('#messages')).toBe('');
  }, 60_000);

  it('keeps the seed and a parameter’s value when text that is no number is typed in their box, and says so', async () => {
    const field = `.parameter[data-path="${confirmation}"]`;
    // "12e" is no number: the browser gives the box an empty value, which must not read as "replicate 0's seed".
    // Typed over the seed shown, as a user would: the box's text selected, then replaced.
    await page.focus('#seed');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('12e');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.textContent('#messages'))
      .toContain('expected a whole number ≥ 0, got text that is not a number; kept 2018');
    expect(await page.inputValue('#seed')).toBe(String(seed));
    await settled(page, 104);
    expect(await page.getAttribute('table.readout[data-run="a"]', 'data-seed')).toBe(String(seed));
    // Nor must it drop the value set with the slider.
    await page.focus(`${field} input[type="number"]`);
    await page.keyboard.press('Control+A');
    await page.keyboard.type('0.5e');
    await page.keyboard.press('Tab');
    await expect
      .poll(() => page.textContent(`${field} .problem`))
      .toBe('expected a number, got text that is not a number; kept 0.65');
    expect(await page.getAttribute(field, 'data-value')).toBe('0.65');
    expect(await page.inputValue(`${field} input[type="number"]`)).toBe('0.65');
    expect(await page.getAttribute(field, 'class')).toContain('changed');
    await settled(page, 104);
    const { a } = nodeScenarios({ [confirmation]: 0.65 });
    expectSameNumbers(await shownRecord(page, 'a'), asShown(runScenario(a, { seed }).weeks[103]));
  }, 60_000);

  it('says why a number of replicates is refused, and no longer once one is taken', async () => {
    // The comparison's messages are a status a screen reader announces as they change.
    expect(await page.getAttribute('#compare-status', 'role')).toBe('status');
    expect(await page.getAttribute('#compare-status', 'aria-live')).toBe('polite');
    await page.fill('#replicates', '1');
    await page.dispatchEvent('#replicates', 'change');
    expect(await page.textContent('#compare-status')).toBe(
      'replicates: expected a whole number from 2 to 1000, got "1"; kept 20',
    );
    expect(await page.inputValue('#replicates')).toBe('20');
    await page.fill('#replicates', '6');
    await page.dispatchEvent('#replicates', 'change');
    expect(await page.inputValue('#replicates')).toBe('6');
    expect(await page.textContent('#compare-status')).toBe('');
  }, 60_000);

  it('compares the two runs over paired replicates in workers, as compareScenarios does', async () => {
    await page.fill('#replicates', '6');
    await page.dispatchEvent('#replicates', 'change');
    await page.click('#compare-run');
    await page.waitForSelector('body[data-comparing="false"] #compare-table tr[data-metric]', { timeout: 60_000 });
    const { a, b } = nodeScenarios({ [confirmation]: 0.65 });
    const expected = compareScenarios(a, b, { replicates: 6 });
    const shown = await page.$$eval('#compare-table tr[data-metric]', (rows) =>
      (rows as unknown[] as Array<{ dataset: Record<string, string> }>).map((row) => ({ ...row.dataset })),
    );
    expect(shown).toHaveLength(expected.metrics.length);
    expected.metrics.forEach((metric, index) => {
      const row = shown[index] as Record<string, string>;
      expect(row.metric).toBe(metric.key);
      const values = [row.meanA, row.meanB, row.difference, row.low, row.high].map(Number);
      const wanted = [metric.meanA, metric.meanB, metric.difference.mean, metric.difference.low, metric.difference.high];
      expect(
        values.every((value, column) => close(value, wanted[column])),
        `${metric.key}: ${values} ≠ ${wanted}`,
      ).toBe(true);
      expect(Number(row.count)).toBe(metric.difference.count);
      expect(close(Number(row.holmPValue), metric.holmPValue), `${metric.key}: ${row.holmPValue} ≠ ${metric.holmPValue}`).toBe(
        true,
      );
    });
    // For a screen reader as for the eye: a named table, its columns' and rows' headers, and the rows in bold (a
    // Holm-adjusted p-value below 0.05) marked * in their text, as `govsim compare` marks them.
    expect(await page.textContent('#compare-table caption')).toBe(
      "y-community-administrative-led: A as written, B co-production; 6 paired replicates. * p (Holm), the paired t test's p-value adjusted over the table, below 0.05.",
    );
    expect(await page.$$eval('#compare-table th[scope="col"]', (headers) => headers.length)).toBe(7);
    const marked = await page.$$eval('#compare-table tr[data-metric]', (rows) =>
      (
        rows as unknown[] as Array<{
          className: string;
          cells: ArrayLike<{ tagName: string; scope: string; textContent: string }>;
        }>
      ).map((row) => [row.className.includes('differs'), row.cells[0]?.tagName, row.cells[0]?.scope, row.cells[6]?.textContent]),
    );
    expect(
      marked.every(([bold, tag, scope, holm]) => {
        const value = String(holm).replace(' *', '');
        const below = value === '<0.001' || Number(value) < 0.05;
        return tag === 'TH' && scope === 'row' && String(holm).endsWith(' *') === bold && bold === below;
      }),
    ).toBe(true);
    expect(marked.some(([bold]) => bold)).toBe(true);
    // A label with brackets of its own and its unit apart, not nested in another pair.
    expect(await page.textContent('#compare-table tr[data-metric="satisfaction.needMatch"] th')).toBe(
      'Need match (rank correlation) correlation',
    );
    expect(await page.textContent('#compare-table tr[data-metric="trust.end"] th .unit')).toBe('score (0 to 1)');
  }, 90_000);

  it('stops a comparison under way on Stop, keeping the table shown before', async () => {
    expect(await page.isVisible('#compare-stop')).toBe(false);
    await page.fill('#replicates', '400');
    await page.dispatchEvent('#replicates', 'change');
    await page.click('#compare-run');
    await page.waitForSelector('body[data-comparing="true"]');
    // Beside the bar, once a replicate is done: how far, and about how long is left.
    await page.waitForFunction("document.querySelector('#compare-time').textContent.includes('left')");
    // Both read at once: a replicate finishing between two reads would change the text, not the agreement.
    const [timeText, valueText] = (await page.evaluate(
      "[document.querySelector('#compare-time').textContent, document.querySelector('#compare-progress').getAttribute('aria-valuetext')]",
    )) as [string, string];
    expect(timeText).toMatch(/^\d+ of 400 paired replicates done, about (\d+ min )?\d+ s left$/);
    expect(valueText).toBe(timeText);
    // From the keyboard: the Stop button, once hidden, leaves the focus on Compare, not at the start of the page.
    await page.focus('#compare-stop');
    await page.keyboard.press('Enter');
    await page.waitForSelector('body[data-comparing="false"]');
    expect(await page.textContent('#compare-status')).toMatch(/^stopped after \d+ of 400 paired replicates$/);
    expect(await page.isVisible('#compare-stop')).toBe(false);
    expect(await page.textContent('#compare-time')).toBe('');
    expect(await page.evaluate('document.activeElement.id')).toBe('compare-run');
    // No result comes after: the table is still the 6 replicates' comparison.
    await page.waitForTimeout(1000);
    expect(await page.getAttribute('#compare-table', 'data-replicates')).toBe('6');
    expect(await page.textContent('#compare-status')).toMatch(/^stopped after/);
    await page.fill('#replicates', '6');
    await page.dispatchEvent('#replicates', 'change');
  }, 60_000);

  it('stops a comparison under way when the setup changes, rather than show its result as the new setup’s', async () => {
    const slider = `.parameter[data-path="${confirmation}"] input[type="range"]`;
    await page.fill('#replicates', '400');
    await page.dispatchEvent('#replicates', 'change');
    await page.click('#compare-run');
    await page.waitForSelector('body[data-comparing="true"]');
    // A slider moved while the replicates run: what they would give is of the setup before.
    await page.focus(slider);
    await page.keyboard.press('ArrowRight');
    await settled(page, 104);
    await page.waitForSelector('body[data-comparing="false"]', { timeout: 90_000 });
    expect(await page.textContent('#compare-status')).toBe('the setup changed: compare again');
    expect(await page.getAttribute('#compare-table', 'class')).toContain('stale');
    expect(await page.getAttribute('#compare-table', 'data-replicates')).toBe('6');
    // Back to the setup of the tests that follow, with its comparison.
    await page.focus(slider);
    await page.keyboard.press('ArrowLeft');
    await settled(page, 104);
    await page.fill('#replicates', '6');
    await page.dispatchEvent('#replicates', 'change');
    await page.click('#compare-run');
    await page.waitForSelector('body[data-comparing="false"] #compare-table:not(.stale) tr[data-metric]', { timeout: 60_000 });
  }, 120_000);

  it('draws the charts and the community, and saves screenshots', async () => {
    // The mode strip is drawn a stretch of weeks in one mode at a time, not week by week (a run of 5,200 weeks would
    // otherwise cost 10,400 rectangles at every frame): counted at the render the colouring asks for.
    await page.evaluate(`(() => {
      window.stripRectangles = 0;
      const fill = CanvasRenderingContext2D.prototype.fillRect;
      CanvasRenderingContext2D.prototype.fillRect = function (...values) {
        if (this.canvas.classList.contains('phase-strip')) window.stripRectangles++;
        return fill.apply(this, values);
      };
    })()`);
    await page.selectOption('#colouring', 'satisfaction');
    await page.waitForTimeout(200);
    // Two runs of one mode each over 104 weeks, and the six swatches of the legend.
    await expect.poll(() => page.evaluate('window.stripRectangles')).toBe(2 + 6);
    const charts = await drawnPixels(page, '.uplot canvas');
    expect(charts).toHaveLength(8);
    for (const pixels of charts) expect(pixels).toBeGreaterThan(200);
    const pictures = await drawnPixels(page, '.pictures canvas');
    expect(pictures).toHaveLength(2);
    for (const pixels of pictures) expect(pixels).toBeGreaterThan(5_000);
    // The sidebar and the playback bar stick to the viewport; unstuck, a full-page screenshot shows them in place.
    const unstuck = await page.addStyleTag({
      content: 'aside.controls, .playback { position: static !important; max-height: none !important; }',
    });
    await page.screenshot({ path: join(screenshots, 'explorer.png'), fullPage: true });
    await unstuck.evaluate((style) => (style as unknown as { remove(): void }).remove());
    await page.locator('#charts').screenshot({ path: join(screenshots, 'charts.png') });
    await page.locator('.pictures').screenshot({ path: join(screenshots, 'community.png') });
    await page.locator('.compare').screenshot({ path: join(screenshots, 'comparison.png') });
    for (const name of ['explorer.png', 'charts.png', 'community.png', 'comparison.png'])
      expect((await stat(join(screenshots, name))).size).toBeGreaterThan(10_000);
  }, 60_000);

  it('validates a dropped-in scenario file, showing each problem at its field, and runs a valid one', async () => {
    const broken = { name: 'mine', mode: 'co-production', parameters: { docking: { confirmationChance: 2 } } };
    await page.setInputFiles('#scenario-file', {
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(broken)),
    });
    await page.waitForSelector(`#messages li[data-path="${confirmation}"]`);
    expect(await page.textContent('#messages')).toContain('broken.json: invalid scenario, not opened');
    expect(await page.getAttribute(`.parameter[data-path="${confirmation}"]`, 'class')).toContain('invalid');
    // The slider and box hold the scenario on screen's value, which is valid: a screen reader does not call it invalid.
    expect(await page.$$(`.parameter[data-path="${confirmation}"] input[aria-invalid]`)).toHaveLength(0);
    // The slider shows the scenario on screen, not the refused file's value: its mark names the file.
    expect(await page.textContent(`.parameter[data-path="${confirmation}"] .problem`)).toMatch(
      /^in broken\.json \(not opened\): /,
    );
    await page.setInputFiles('#scenario-file', {
      name: 'not-json.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{ "name": '),
    });
    // In the command line's words, not the browser's.
    await expect
      .poll(() => page.textContent('#messages'))
      .toContain('not-json.json: invalid scenario, not opened (the scenario shown is unchanged)');
    expect(await page.textContent('#messages')).toContain('not valid JSON at line 1, column 11: unexpected end of file');
    // A key given twice is refused, as the command line refuses it, rather than dropped by JSON.parse.
    await page.setInputFiles('#scenario-file', {
      name: 'twice.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"name": "t", "mode": "co-production", "parameters": {}, "parameters": {}}'),
    });
    await page.waitForSelector('#messages li[data-path="parameters"]');
    expect(await page.textContent('#messages')).toMatch(/given twice in one object \(again at line 1, column \d+\)/);
    const mine = {
      name: 'mine',
      mode: 'co-production',
      weeks: 30,
      world: { communities: [{ name: 'M', households: 300, residents: 900, buildings: 10, sites: 15 }] },
    };
    await page.setInputFiles('#scenario-file', {
      name: 'mine.json',
      mimeType: 'application/json',
      buffer: Buffer.from(JSON.stringify(mine)),
    });
    await settled(page, 0);
    expect(await page.textContent('#messages')).toBe('');
    expect(await page.inputValue('#scenario')).toBe('file');
    await page.click('#run-to-end');
    await settled(page, 30);
    const shownSeed = Number(await page.getAttribute('table.readout[data-run="a"]', 'data-seed'));
    expectSameNumbers(await shownRecord(page, 'a'), asShown(runScenario(parseScenario(mine), { seed: shownSeed }).weeks[29]));
    await expect.poll(() => page.getAttribute('body', 'data-url')).toContain('scenario=file');
    await expect.poll(() => page.getAttribute('body', 'data-url')).toContain('data=');
    // The address is written a moment after the week it holds (an opened file is in it from the start).
    await expect.poll(() => page.getAttribute('body', 'data-url')).toContain('week=30');
    const fresh = await page.context().newPage();
    await fresh.goto(page.url());
    await settled(fresh, 30);
    expect(await shownRecord(fresh, 'a')).toEqual(await shownRecord(page, 'a'));
    await fresh.close();
  }, 60_000);

  it('is the same page on a Z Street case link with a mode change marked', async () => {
    await page.goto(`${site?.url}#scenario=z-street%2Fcase&week=30`);
    await settled(page, 30);
    const events = await page.$$eval('#events li', (items) => items.map((item) => item.textContent));
    expect(events).toEqual([
      'A week 18: expert consultation; all renewal work paused',
      'A week 22: promotion meeting; the new approach begins',
    ]);
    expect(await page.inputValue('.run-mode[data-run="b"] select')).toBe('administrative-led');
  }, 60_000);

  it('reads to a screen reader: the modes, charts, community and readouts in words, and results once they settle', async () => {
    await page.goto(`${site?.url}#scenario=z-street%2Fcase&week=30`);
    await settled(page, 30);
    // The phase strip's modes in words under it, not only in colour.
    expect(await page.textContent('#phase-text')).toBe(
      'A: weeks 1–17 administrative-led, 18–21 pause, 22–30 co-production. B: weeks 1–30 administrative-led',
    );
    expect(await page.getAttribute('canvas.phase-strip', 'aria-describedby')).toBe('phase-text');
    // Each chart's name gives each run's first, highest and last values, as the readouts do.
    const record = (await shownRecord(page, 'a')) as { staffLoad: number };
    const staffChart = await page.getAttribute('figure.chart[data-measure="staffLoad"] canvas', 'aria-label');
    expect(staffChart).toMatch(
      /^Community staff load \([^)]*\) week by week: run A .* in week 1, highest .*, .* in week 30; run B /,
    );
    expect(staffChart).toContain(`${formatNumber(record.staffLoad)} in week 30; run B`);
    // The community picture's name says what it draws.
    expect(await page.getAttribute('#community-a', 'aria-label')).toMatch(
      /^Run A's community, week 30: departments' load D1 [\d.]+, .*; Y staff load [\d.]+; docking: \d+ separate threads?, \d+ through the plan; this week: .*; sites \(\d+\): .*; 2253 households, aware \d+%, engaged [\d.]+%$/,
    );
    // Readouts: each row headed by its measure, with column headers.
    expect(await page.$$eval('table.readout[data-run="a"] th[scope="row"]', (cells) => cells.length)).toBeGreaterThan(5);
    expect(
      await page.$$eval('table.readout[data-run="a"] thead th[scope="col"]', (cells) => cells.map((cell) => cell.textContent)),
    ).toEqual(['Measure', 'Value', 'Unit']);
    // The heading of the community is its own; the menu is labelled apart.
    expect(await page.textContent('section.community h2')).toBe('The community');
    // Once the runs settle, the week and a few readings are said in a polite status region.
    await expect
      .poll(() => page.textContent('#announcer'), { timeout: 10_000 })
      .toMatch(/^Week 30\. A: satisfaction [\d.]+, staff load [\d.]+, trust [\d.]+, projects done \d+\. B: /);
    expect(await page.getAttribute('#announcer', 'role')).toBe('status');
    // A value out of range marks its slider and box invalid, described by the problem shown beside them.
    const field = `.parameter[data-path="${confirmation}"]`;
    await page.evaluate(`document.querySelector('${field}').closest('details').open = true`);
    await page.fill(`${field} input[type="number"]`, '1.5');
    await page.press(`${field} input[type="number"]`, 'Enter');
    await page.waitForSelector(`${field}.invalid input[type="number"][aria-invalid="true"]`);
    const describedBy = (await page.getAttribute(`${field} input[type="number"]`, 'aria-describedby')) ?? '';
    const described = await page.evaluate(
      `${JSON.stringify(describedBy)}.split(' ').map((id) => document.getElementById(id)?.textContent ?? '').join(' | ')`,
    );
    expect(described).toContain('expected at most 1, got 1.5');
    expect(described).toContain('plausible');
    await page.fill(`${field} input[type="number"]`, '0.5');
    await page.press(`${field} input[type="number"]`, 'Enter');
    await page.waitForSelector(`${field}:not(.invalid) input[type="number"]:not([aria-invalid])`);
  }, 60_000);

  it('offers in the built page every scenario `govsim run` names, and nothing that is not a scenario', async () => {
    await page.goto(`${site?.url}#scenario=y-community-co-production`);
    const offered = await page.$$eval('#scenario option', (options) => options.map((option) => option.getAttribute('value')));
    expect(offered).toEqual([
      ...shippedScenarios().map((scenario) => scenario.name),
      ...shippedCases().flatMap((shipped) => shipped.scenarios.map((key) => `${shipped.name}/${key}`)),
      'file',
    ]);
  }, 60_000);

  it('offers and runs the scenarios of a case folder govsim explore serves beside the site', async () => {
    // What `govsim explore test/fixtures/tiny-case` serves at cases.json, put beside the static site.
    const tiny = 'test/fixtures/tiny-case';
    const keys = ['case', 'administrative-led', 'co-production'];
    const scenarios = await Promise.all(
      keys.map(async (key) => ({ key, raw: JSON.parse(await readFile(join(tiny, `${key}.json`), 'utf8')) })),
    );
    const served = join(folder, 'site', 'cases.json');
    await writeFile(served, JSON.stringify({ cases: [{ name: 'tiny-case', case: 'case', scenarios }] }));
    // And the meta element by which the command tells its page where they are.
    const index = join(folder, 'site', 'index.html');
    const page0 = await readFile(index, 'utf8');
    await writeFile(index, page0.replace('</head>', '<meta name="govsim-cases" content="./cases.json">\n</head>'));
    try {
      // A fresh document: going to the link from the page already open would only change its hash, and that page, which
      // does not know the served case, could answer the change by writing its own scenario into the link first.
      await page.goto('about:blank');
      await page.goto(`${site?.url}#scenario=tiny-case%2Fcase&seed=${seed}&week=2`);
      await settled(page, 2);
      const offered = await page.$$eval('#scenario option', (options) => options.map((option) => option.getAttribute('value')));
      expect(offered.slice(-4)).toEqual([...keys.map((key) => `tiny-case/${key}`), 'file']);
      expect(await page.inputValue('#scenario')).toBe('tiny-case/case');
      // Run A is the case as written: the same week-2 record as a Node run of it on the link's seed.
      const scenario = parseScenario(scenarios[0]?.raw, 'tiny-case/case');
      const week = runScenario(scenario, { seed, weeks: 2 }).weeks[1];
      expectSameNumbers(await shownRecord(page, 'a'), asShown(week));
      // A link that names no scenario opens on the served case: what `govsim explore my-case/` was run to see.
      await page.goto('about:blank');
      await page.goto(`${site?.url}#seed=${seed}&week=1`);
      await settled(page, 1);
      expect(await page.inputValue('#scenario')).toBe('tiny-case/case');
    } finally {
      await rm(served, { force: true });
      await writeFile(index, page0);
    }
  }, 60_000);

  it('draws the Chinese terms of a description with the bundled font, loaded only when a text needs it', async () => {
    // A description without Chinese loads no font.
    await page.goto(`${site?.url}#scenario=y-community-integration-only`);
    await page.reload();
    await settled(page, 0);
    expect(await page.$$eval('style[data-font="chinese"]', (styles) => styles.length)).toBe(0);
    await page.evaluate("location.hash = '#scenario=y-community-co-production'");
    await page.waitForSelector('style[data-font="chinese"]', { state: 'attached', timeout: 30_000 });
    expect(await page.textContent('#scenario-description')).toContain('政社共同生产');
    const faces = await page.evaluate(
      `document.fonts.load('14px "govsim Noto Sans SC"', '政社共同生产').then((faces) => faces.length)`,
    );
    expect(faces).toBeGreaterThan(0);
    expect(await page.evaluate(`document.fonts.check('14px "govsim Noto Sans SC"', '政社共同生产')`)).toBe(true);
  }, 60_000);

  it('follows an address edited in the open page, and names the parts of a link it cannot take', async () => {
    await page.goto(`${site?.url}#scenario=y-community-co-production&week=2`);
    await settled(page, 2);
    await page.evaluate("location.hash = '#scenario=y-community-co-production&week=3&replicates=3'");
    await settled(page, 3);
    expect(await page.inputValue('#replicates')).toBe('3');
    await page.evaluate("location.hash = '#scenario=y-community-co-production&week=4&speed=3&colour=red'");
    await settled(page, 4);
    const messages = await page.textContent('#messages');
    expect(messages).toContain('speed: "3" is not one of 1, 2, 5, 10, 25, 0 weeks a second');
    expect(messages).toContain('colour: "red" is not one of awareness, satisfaction, engagement, trust');
    // A part it cannot take beside a value that keeps the runs from being set up: both are said, the slider marked.
    const field = `.parameter[data-path="${confirmation}"]`;
    await page.evaluate(`location.hash = '#scenario=y-community-pause&colour=pink&set.${confirmation}=1.5'`);
    await page.waitForSelector(`${field}.invalid`);
    const both = await page.textContent('#messages');
    expect(both).toContain('colour: "pink" is not one of awareness, satisfaction, engagement, trust');
    expect(both).toContain('expected at most 1, got 1.5');
    expect(await page.textContent(`${field} .problem`)).toContain('expected at most 1, got 1.5');
    await page.evaluate("location.hash = '#scenario=y-community-co-production&week=999'");
    await settled(page, 104);
    expect(await page.textContent('#messages')).toContain("week: 999 is past the runs' last week; showing week 104");
    expect(await page.inputValue('#speed')).toBe('10');
    // Every control is named as it is shown: the sliders by their group and label, the mode toggles by their run.
    const unnamed = await page.evaluate(
      "[...document.querySelectorAll('input, select, button')].filter((control) => !control.getAttribute('aria-label') && !(control.labels && control.labels.length > 0) && !(control.textContent || '').trim()).map((control) => control.outerHTML.slice(0, 80))",
    );
    expect(unnamed).toEqual([]);
    const resetNames = await page.$$eval('.parameter button.reset', (buttons) =>
      buttons.map((button) => button.getAttribute('aria-label') ?? ''),
    );
    expect(resetNames.every((name) => name.endsWith(': back to the scenario’s value'))).toBe(true);
    expect(await page.$$eval('.toggles input', (inputs) => inputs.map((input) => input.getAttribute('aria-label')))).toContain(
      'run B: participation',
    );
  }, 60_000);

  it('fits a narrow page, also after the window narrows: nothing sticks out past its edge at 420 pixels', async () => {
    const overflowing = () =>
      page.evaluate(
        "[...document.querySelectorAll('select, input, button')].filter((control) => control.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5).map((control) => control.id || control.className || control.tagName)",
      );
    // Two frames: the resize observed and the charts drawn at their new width.
    const frames = () => page.evaluate('new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))');
    try {
      // Wide, the parameters are in the side column: no link to them is needed.
      expect(await page.isVisible('.to-parameters')).toBe(false);
      // The page as the last test left it, its window narrowed; then a page opened narrow.
      await page.setViewportSize({ width: 420, height: 900 });
      await frames();
      expect(await overflowing()).toEqual([]);
      // The open page narrowed: its parameters are moved after the views in the document, as a page opened narrow has them.
      const parametersFollowViews = () =>
        page.$eval('#parameters', (element) => element.previousElementSibling?.matches('main > .views') ?? false);
      const parametersInSide = () =>
        page.$eval('#parameters', (element) => element.parentElement?.matches('aside.controls') ?? false);
      expect(await parametersFollowViews()).toBe(true);
      // A fresh document: going to the link from the page already open would only change its hash, which the open
      // page may answer by writing its own state into the link first.
      await page.goto('about:blank');
      await page.goto(`${site?.url}#scenario=z-street%2Fcase&week=1`);
      await settled(page, 1);
      expect(await overflowing()).toEqual([]);
      // Opened narrow, every parameter group starts closed, and the parameters come after the results, reached by a link.
      expect(await page.$$('#parameter-groups details[open]')).toHaveLength(0);
      // Tops in the same scroll position: their order is the page's.
      const top = (selector: string) => page.$eval(selector, (element) => element.getBoundingClientRect().top);
      expect(await top('#playback')).toBeLessThan(await top('#parameters'));
      expect(await top('#charts')).toBeLessThan(await top('#parameters'));
      expect(await page.isVisible('.to-parameters')).toBe(true);
      // And the Tab key follows the page: from the link to the playback, not into the parameters below the results.
      await page.focus('.to-parameters');
      await page.keyboard.press('Tab');
      expect(await page.evaluate('document.activeElement?.id')).toBe('play');
      // Following it, or the skip link, moves the view and the focus there and keeps the runs: the address holds the
      // state, and "#parameters" or "#playback" read as one would open the defaults (week 0, the default seed).
      // The address as the page writes it (a quarter of a second after a change), with every part of the state.
      await page.waitForTimeout(400);
      const address = await page.evaluate('location.hash');
      expect(address).toMatch(/&week=1&/);
      for (const [link, target] of [
        ['.to-parameters', 'parameters'],
        ['.skip-link', 'playback'],
      ]) {
        await page.focus(link as string);
        await page.keyboard.press('Enter');
        await page.waitForTimeout(400);
        expect(await page.evaluate('document.activeElement.id')).toBe(target);
        expect(await page.evaluate('location.hash')).toBe(address);
        expect(await page.textContent('#week-label')).toMatch(/^week 1 /);
        const shown = await top(`#${target}`);
        expect(shown).toBeGreaterThanOrEqual(0);
        expect(shown).toBeLessThan(900);
      }
      // The comparison's wide table scrolls in its own box: the page itself does not scroll sideways.
      await page.fill('#replicates', '2');
      await page.dispatchEvent('#replicates', 'change');
      await page.click('#compare-run');
      await page.waitForSelector('body[data-comparing="false"] #compare-table tr[data-metric]', { timeout: 60_000 });
      expect(
        await page.evaluate('document.documentElement.scrollWidth - document.documentElement.clientWidth'),
      ).toBeLessThanOrEqual(0);
      // Its columns past the box's edge are said to be there, and no longer once the page is wide enough to show them.
      await expect.poll(() => page.isVisible('#compare-scroll-cue')).toBe(true);
      expect(await page.textContent('#compare-scroll-cue')).toContain('Scroll the table sideways');
      // Widened again, the parameters go back to the side column, the last part of it, as the page was written.
      await page.setViewportSize({ width: 1400, height: 1000 });
      await frames();
      await expect.poll(() => page.isVisible('#compare-scroll-cue')).toBe(false);
      expect(await parametersInSide()).toBe(true);
      expect(await page.$eval('#parameters', (element) => element.nextElementSibling === null)).toBe(true);
      expect(await page.isVisible('.to-parameters')).toBe(false);
    } finally {
      await page.setViewportSize({ width: 1400, height: 1000 });
    }
  }, 60_000);

  it('says when the link could not be copied, as on a page served over plain http, which has no clipboard', async () => {
    await page.goto(`${site?.url}#scenario=y-community-pause&week=1`);
    await settled(page, 1);
    // A page served from another host over http is not a secure context: the browser gives it no navigator.clipboard.
    await page.evaluate("Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true })");
    await page.click('#copy-link');
    expect(await page.textContent('#copy-link')).toBe('Not copied: copy the address bar');
    await page.reload();
    await settled(page, 1);
    // And when the browser refuses to write to it.
    await page.evaluate(
      "Object.defineProperty(navigator, 'clipboard', { value: { writeText: () => Promise.reject(new Error('denied')) }, configurable: true })",
    );
    await page.click('#copy-link');
    await expect.poll(() => page.textContent('#copy-link')).toBe('Not copied: copy the address bar');
  }, 60_000);

  it('gives every control a touch target of at least 24 pixels on a touch screen (WCAG 2.2, target size)', async () => {
    const context = await (browser as Browser).newContext({ viewport: { width: 375, height: 667 }, hasTouch: true });
    try {
      const touch = await context.newPage();
      touch.on('pageerror', (error) => pageErrors.push(error.message));
      await touch.goto(`${site?.url}#scenario=y-community-co-production&week=1`);
      await settled(touch, 1);
      // Every control shown (the link to the parameters below the results too), its parameter groups opened: none under
      // 24 pixels either way.
      await touch.evaluate("document.querySelectorAll('#parameter-groups details').forEach((group) => { group.open = true; })");
      const controls = (await touch.evaluate(
        "[...document.querySelectorAll('button, select, input, summary, a.to-parameters')].filter((control) => control.getClientRects().length > 0 && getComputedStyle(control).visibility !== 'hidden').map((control) => [control.id || control.getAttribute('aria-label') || control.className || control.tagName, control.getBoundingClientRect().width, control.getBoundingClientRect().height, control.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5])",
      )) as Array<[string, number, number, boolean]>;
      const small = controls
        .filter(([, width, height]) => width < 23.5 || height < 23.5)
        .map(([name, width, height]) => `${name} ${Math.round(width)}×${Math.round(height)}`);
      expect(small).toEqual([]);
      // And the larger targets still fit the narrow page.
      expect(controls.filter(([, , , outside]) => outside).map(([name]) => name)).toEqual([]);
    } finally {
      await context.close();
    }
  }, 60_000);

  it('says it is simulating to the week of a link while it does, rather than week 0 with empty charts', async () => {
    const far = await page.context().newPage();
    far.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      // A street of 28 communities to week 104: a second or more before the first frame.
      await far.goto(`${site?.url}#scenario=z-street-rollout-co-production&week=104`);
      await far.waitForSelector('#week-label:text-is("simulating both runs to week 104…")', { timeout: 30_000 });
      expect(await far.getAttribute('body', 'data-busy')).toBe('true');
      await settled(far, 104);
      expect(await far.textContent('#week-label')).toBe('week 104 of 104');
    } finally {
      await far.close();
    }
  }, 60_000);

  it('opens another scenario picked while a link’s far week is simulated (the engine abandons that week)', async () => {
    const far = await page.context().newPage();
    far.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await far.goto(`${site?.url}#scenario=z-street-rollout-co-production&week=104`);
      await far.waitForSelector('#week-label:text-is("simulating both runs to week 104…")', { timeout: 30_000 });
      // Picked while the street is simulated: the engine abandons it where it got to, and opens this one at week 0.
      await far.selectOption('#scenario', 'y-community-co-production');
      await settled(far, 0);
      expect(await far.inputValue('#scenario')).toBe('y-community-co-production');
      expect(await far.textContent('#week-label')).toBe('week 0 of 104');
    } finally {
      await far.close();
    }
  }, 60_000);

  it('raised no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
