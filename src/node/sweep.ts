/**
 * Running sweeps on every core, streaming each finished unit of work to disk,
 * resuming after any interruption, and merging shards.
 *
 * A sweep folder holds:
 *   sweep.json     what was run: the experiment, its base scenario, its hash, the columns
 *   points.csv     the design's points
 *   chunks/        one CSV file per unit of work (a point and a block of replicates),
 *                  written under a temporary name and renamed into place when complete
 *   shard.json     only in a shard's folder: which shard it is
 *   runs.csv       when the sweep is complete: every run, in point and replicate order
 *   runs.parquet   the same table as Parquet
 *
 * Killed at any moment (kill -9 included), a sweep loses only the units in
 * progress; `--resume` runs what is missing. Because a unit's rows depend on
 * nothing but the unit, the files are byte-identical whatever the number of
 * workers, the shard split or the number of interruptions.
 */
import { createReadStream, existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileWriter, ParquetWriter, schemaFromColumnData } from 'hyparquet-writer';
import { csvLine, csvTable, splitCsvLine } from '../core/index.js';
import {
  compareUnits,
  type Experiment,
  experimentSchema,
  initialUnits,
  needsMoreReplicates,
  planSweep,
  rowsToCsv,
  runColumns,
  runUnit,
  type SweepPlan,
  summaryMetricNames,
  unitName,
  unitReplicates,
  type WorkUnit,
} from '../experiments/index.js';
import { describeIssues, ScenarioError } from '../scenario/index.js';
import { toJson } from '../simulation/index.js';
import { InputFileError, readJsonInput } from './input-file.js';
import { writeFilesAtomically } from './output.js';
import { govsimVersion } from './version.js';
import { WorkerPool } from './worker-pool.js';

export interface LoadedExperiment {
  experiment: Experiment;
  base: Record<string, unknown>;
  source: string;
  plan: SweepPlan;
}

/** Reads an experiment file and its base scenario, and validates every point as a scenario. */
export async function loadExperiment(file: string): Promise<LoadedExperiment> {
  const parsed = experimentSchema.safeParse(await readJsonInput(file, 'experiment'));
  if (!parsed.success) throw new ScenarioError(file, describeIssues(parsed.error.issues), 'experiment');
  const experiment = parsed.data;
  const known = new Set(summaryMetricNames());
  const unknown = [...experiment.metrics, ...(experiment.precision?.metrics ?? [])].filter((metric) => !known.has(metric));
  if (unknown.length > 0) {
    throw new ScenarioError(
      file,
      unknown.map((metric) => ({
        path: 'metrics',
        message: `unknown metric "${metric}" (a run summary path such as satisfaction.end)`,
      })),
      'experiment',
    );
  }
  let base: Record<string, unknown>;
  if (typeof experiment.base === 'string') {
    const basePath = resolve(dirname(file), experiment.base);
    let baseInput: unknown;
    try {
      baseInput = await readJsonInput(basePath, 'base scenario');
    } catch (error) {
      if (!(error instanceof InputFileError && error.missing)) throw error;
      throw new ScenarioError(file, [{ path: 'base', message: `base scenario ${basePath} not found` }], 'experiment');
    }
    if (typeof baseInput !== 'object' || baseInput === null || Array.isArray(baseInput))
      throw new ScenarioError(basePath, [{ path: '', message: 'expected a JSON object (a scenario)' }], 'base scenario');
    base = baseInput as Record<string, unknown>;
  } else {
    base = experiment.base;
  }
  const { $schema: _ignored, ...baseWithoutSchema } = base;
  const plan = planSweep(experiment, baseWithoutSchema, file);
  return { experiment, base: baseWithoutSchema, source: file, plan };
}

/** A shard: this machine runs every count-th unit of work from index (every count-th point in precision mode). */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Parses `--shard`: "i/n" (0-based), or "slurm" (SLURM_ARRAY_TASK_ID and
 * SLURM_ARRAY_TASK_COUNT), or "k8s" (Kubernetes Indexed Jobs: JOB_COMPLETION_INDEX
 * with the count given as "k8s/n"), or "env" (whichever of those is set).
 */
export function parseShard(text: string, environment: NodeJS.ProcessEnv = process.env): Shard {
  const fail = (message: string): never => {
    throw new ScenarioError('--shard', [{ path: '', message }], 'shard');
  };
  const make = (index: number, count: number): Shard => {
    if (!Number.isInteger(index) || !Number.isInteger(count) || count < 1 || index < 0 || index >= count) {
      fail(`expected 0 ≤ index < count, got ${index}/${count}`);
    }
    return { index, count };
  };
  const slurm = () => {
    const index = environment.SLURM_ARRAY_TASK_ID;
    const count = environment.SLURM_ARRAY_TASK_COUNT;
    if (index === undefined || count === undefined) return undefined;
    // Array indices may start anywhere; SLURM_ARRAY_TASK_MIN gives the offset.
    return make(Number(index) - Number(environment.SLURM_ARRAY_TASK_MIN ?? 0), Number(count));
  };
  const kubernetes = (count: number) => {
    const index = environment.JOB_COMPLETION_INDEX;
    return index === undefined ? undefined : make(Number(index), count);
  };
  if (text === 'slurm') return slurm() ?? fail('SLURM_ARRAY_TASK_ID and SLURM_ARRAY_TASK_COUNT are not set');
  const k8s = /^k8s\/(\d+)$/.exec(text);
  if (k8s) return kubernetes(Number(k8s[1])) ?? fail('JOB_COMPLETION_INDEX is not set');
  if (text === 'env') {
    return slurm() ?? fail('no scheduler index in the environment (SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT)');
  }
  const match = /^(\d+)\/(\d+)$/.exec(text);
  if (match === null) return fail('expected i/n (for example 0/4), slurm, k8s/n or env');
  return make(Number(match[1]), Number(match[2]));
}

function sweepManifest(loaded: LoadedExperiment): Record<string, unknown> {
  const { plan } = loaded;
  return {
    govsim: govsimVersion(),
    experiment: loaded.experiment.name,
    hash: plan.hash,
    columns: runColumns(plan),
    points: plan.design.points.length,
    variants: loaded.experiment.variants.map((variant) => variant.label),
    replicates: loaded.experiment.replicates,
    blockReplicates: plan.blockReplicates,
    definition: { experiment: { ...loaded.experiment, $schema: undefined }, base: loaded.base },
  };
}

/**
 * Worker threads to use: as asked (default every core), but never more than
 * the cores — more threads than cores only add start-up time and memory.
 */
export function workerCount(asked: number | undefined): number {
  const cores = Math.max(1, availableParallelism());
  return Math.max(1, Math.min(asked ?? cores, cores));
}

function pointsCsv(plan: SweepPlan): string {
  return csvTable(
    ['point', ...plan.factors],
    plan.design.points.map((point, index) => [
      index,
      ...plan.factors.map((factor) => point[factor] as string | number | boolean),
    ]),
  );
}

export interface SweepProgress {
  runsDone: number;
  runsExpected: number;
  elapsedSeconds: number;
}

export interface SweepOptions {
  out: string;
  workers?: number;
  shard?: Shard;
  resume?: boolean;
  onProgress?: (progress: SweepProgress) => void;
}

export interface SweepOutcome {
  out: string;
  unitsRun: number;
  unitsSkipped: number;
  complete: boolean;
  files: string[];
}

async function existingUnits(directory: string): Promise<Set<string>> {
  const chunks = join(directory, 'chunks');
  if (!existsSync(chunks)) return new Set();
  const names = await readdir(chunks);
  // Temporary files of units in progress when a run was killed: discard.
  for (const name of names.filter((name) => name.includes('.tmp-'))) await rm(join(chunks, name), { force: true });
  return new Set(names.filter((name) => name.endsWith('.csv')).map((name) => name.slice(0, -4)));
}

async function readChunkValues(directory: string, plan: SweepPlan, unit: WorkUnit): Promise<number[][]> {
  const text = await readFile(join(directory, 'chunks', `${unitName(unit)}.csv`), 'utf8');
  const metricStart = 1 + plan.factors.length + 3;
  const lines = text.split('\n').filter((line) => line !== '');
  const perVariantMetric: number[][] = [];
  for (const line of lines) {
    const cells = splitCsvLine(line);
    const variant = plan.experiment.variants.findIndex((candidate) => candidate.label === cells[1 + plan.factors.length]);
    plan.experiment.precision?.metrics.forEach((metric, metricIndex) => {
      const column = metricStart + plan.experiment.metrics.indexOf(metric);
      const key = variant * (plan.experiment.precision?.metrics.length ?? 0) + metricIndex;
      const list = perVariantMetric[key] ?? [];
      list.push(cells[column] === '' ? Number.NaN : Number(cells[column]));
      perVariantMetric[key] = list;
    });
  }
  return perVariantMetric;
}

/** Values of a point's precision metrics over all its finished blocks, per variant and metric. */
async function pointValues(directory: string, plan: SweepPlan, point: number, blocks: number): Promise<number[][]> {
  const merged: number[][] = [];
  for (let block = 0; block < blocks; block++) {
    const values = await readChunkValues(directory, plan, { point, block });
    values.forEach((list, key) => {
      merged[key] = [...(merged[key] ?? []), ...list];
    });
  }
  return merged;
}

/** A pool running a sweep's units of work: in worker threads, or in this thread with one worker. */
function unitPool(loaded: LoadedExperiment, size: number): WorkerPool<WorkUnit, { csv: string; runs: number }> {
  return new WorkerPool({
    module: 'sweep-worker',
    workerData: { experiment: loaded.experiment, base: loaded.base, source: loaded.source },
    size,
    runHere: (unit) => {
      const rows = runUnit(loaded.plan, unit);
      return { csv: rowsToCsv(rows), runs: rows.length };
    },
  });
}

/** Runs a sweep (or one shard of it) into `options.out`. */
export async function runSweep(loaded: LoadedExperiment, options: SweepOptions): Promise<SweepOutcome> {
  const { plan } = loaded;
  const out = options.out;
  const manifestPath = join(out, 'sweep.json');
  if (existsSync(manifestPath)) {
    const previous = JSON.parse(await readFile(manifestPath, 'utf8')) as { hash?: string };
    if (previous.hash !== plan.hash) {
      throw new ScenarioError(
        out,
        [{ path: '', message: 'holds a sweep of a different experiment; choose another --out' }],
        'output folder',
      );
    }
    if (!options.resume && (await existingUnits(out)).size > 0) {
      throw new ScenarioError(
        out,
        [{ path: '', message: 'already holds results of this sweep; pass --resume to finish it, or choose another --out' }],
        'output folder',
      );
    }
  }
  const startFiles = new Map<string, string>([
    ['sweep.json', toJson(sweepManifest(loaded))],
    ['points.csv', pointsCsv(plan)],
  ]);
  if (options.shard) startFiles.set('shard.json', toJson(options.shard));
  await writeFilesAtomically(out, startFiles);
  await mkdir(join(out, 'chunks'), { recursive: true });

  const done = await existingUnits(out);
  const precision = loaded.experiment.precision;
  // Shards take every n-th unit of work (every n-th point in precision mode, where a point's blocks depend on each other).
  const inShard = (position: number) => options.shard === undefined || position % options.shard.count === options.shard.index;
  const variants = loaded.experiment.variants.length;
  const started = performance.now();
  let runsDone = 0;
  let unitsRun = 0;
  let unitsSkipped = 0;
  const pointsInShard = plan.design.points.map((_, point) => point).filter(inShard);
  const shardUnits = initialUnits(plan).filter((_, position) => inShard(position));
  const runsExpected = precision
    ? pointsInShard.length * variants * precision.batchReplicates
    : shardUnits.reduce((total, unit) => {
        const { first, end } = unitReplicates(plan, unit);
        return total + (end - first) * variants;
      }, 0);
  const report = () => options.onProgress?.({ runsDone, runsExpected, elapsedSeconds: (performance.now() - started) / 1000 });
  const runner = unitPool(loaded, workerCount(options.workers));

  const writeUnit = async (unit: WorkUnit, csv: string) => {
    const path = join(out, 'chunks', `${unitName(unit)}.csv`);
    const temporary = `${path}.tmp-${process.pid}`;
    await writeFile(temporary, csv);
    await rename(temporary, path);
  };

  try {
    if (precision === undefined) {
      const units = shardUnits;
      const pending = units.filter((unit) => !done.has(unitName(unit)));
      unitsSkipped = units.length - pending.length;
      for (const unit of units) {
        if (!done.has(unitName(unit))) continue;
        const { first, end } = unitReplicates(plan, unit);
        runsDone += (end - first) * variants;
      }
      report();
      let next = 0;
      const lane = async () => {
        while (next < pending.length) {
          const unit = pending[next++] as WorkUnit;
          const result = await runner.run(unit);
          await writeUnit(unit, result.csv);
          runsDone += result.runs;
          unitsRun++;
          report();
        }
      };
      await Promise.all(Array.from({ length: workerCount(options.workers) }, lane));
    } else {
      // Precision mode: each point goes block by block until precise enough; points run in parallel.
      report();
      let nextPoint = 0;
      const lane = async () => {
        while (nextPoint < pointsInShard.length) {
          const point = pointsInShard[nextPoint++] as number;
          for (let block = 0; ; block++) {
            const unit = { point, block };
            if (done.has(unitName(unit))) unitsSkipped++;
            else {
              const result = await runner.run(unit);
              await writeUnit(unit, result.csv);
              unitsRun++;
            }
            const { first, end: replicatesSoFar } = unitReplicates(plan, unit);
            runsDone += (replicatesSoFar - first) * variants;
            report();
            if (!needsMoreReplicates(plan, await pointValues(out, plan, point, block + 1), replicatesSoFar)) break;
          }
        }
      };
      await Promise.all(Array.from({ length: workerCount(options.workers) }, lane));
    }
  } finally {
    await runner.close();
  }

  const files = options.shard === undefined ? await finaliseSweep(out, loaded) : [];
  return { out, unitsRun, unitsSkipped, complete: options.shard === undefined, files };
}

/** The units a complete sweep has, read from its chunks and checked for gaps. */
async function completeUnits(directory: string, loaded: LoadedExperiment): Promise<WorkUnit[]> {
  const { plan } = loaded;
  const present = await existingUnits(directory);
  const units: WorkUnit[] = [];
  const missing: string[] = [];
  if (loaded.experiment.precision === undefined) {
    for (const unit of initialUnits(plan)) {
      if (present.has(unitName(unit))) units.push(unit);
      else missing.push(unitName(unit));
    }
  } else {
    for (let point = 0; point < plan.design.points.length; point++) {
      for (let block = 0; ; block++) {
        const unit = { point, block };
        if (!present.has(unitName(unit))) {
          missing.push(unitName(unit));
          break;
        }
        units.push(unit);
        if (!needsMoreReplicates(plan, await pointValues(directory, plan, point, block + 1), unitReplicates(plan, unit).end))
          break;
      }
    }
  }
  if (missing.length > 0) {
    throw new ScenarioError(
      directory,
      [
        {
          path: 'chunks',
          message: `missing ${missing.length} unit(s) of work, e.g. ${missing.slice(0, 3).join(', ')}; run the sweep (or the missing shards) with --resume`,
        },
      ],
      'sweep folder',
    );
  }
  return units.sort(compareUnits);
}

/** Writes runs.csv and runs.parquet from a complete sweep's chunks, streaming. */
export async function finaliseSweep(directory: string, loaded: LoadedExperiment): Promise<string[]> {
  const { plan } = loaded;
  const units = await completeUnits(directory, loaded);
  const columns = runColumns(plan);
  const factorCount = plan.factors.length;
  const csvTemporary = join(directory, `runs.csv.tmp-${process.pid}`);
  const parquetTemporary = join(directory, `runs.parquet.tmp-${process.pid}`);
  await writeFile(csvTemporary, csvLine(columns));
  const firstPoint = plan.design.points[0] ?? {};
  const columnTypes = columns.map((column, index) => {
    if (column === 'point' || column === 'replicate') return { type: 'INT32', nullable: false } as const;
    if (column === 'variant') return { type: 'STRING', nullable: false } as const;
    if (index >= 1 && index <= factorCount) {
      const sample = firstPoint[column];
      return typeof sample === 'string'
        ? ({ type: 'STRING', nullable: false } as const)
        : typeof sample === 'boolean'
          ? ({ type: 'BOOLEAN', nullable: false } as const)
          : ({ type: 'DOUBLE', nullable: false } as const);
    }
    return { type: 'DOUBLE', nullable: column !== 'seed' } as const;
  });
  const schema = schemaFromColumnData({
    columnData: columns.map((name, index) => ({
      name,
      data: [],
      type: columnTypes[index]?.type,
      nullable: columnTypes[index]?.nullable,
    })),
  });
  const parquet = new ParquetWriter({ writer: fileWriter(parquetTemporary), schema });
  let buffer: string[][] = [];
  const flush = () => {
    if (buffer.length === 0) return;
    const rows = buffer;
    parquet.write({
      columnData: columns.map((name, index) => {
        const type = columnTypes[index]?.type;
        const data = rows.map((row) => {
          const text = row[index] as string;
          if (type === 'STRING') return text;
          if (type === 'BOOLEAN') return text === 'true';
          return text === '' ? null : Number(text);
        });
        return { name, data, type, nullable: columnTypes[index]?.nullable };
      }),
      rowGroupSize: 100_000,
    });
    buffer = [];
  };
  for (const unit of units) {
    const text = await readFile(join(directory, 'chunks', `${unitName(unit)}.csv`), 'utf8');
    await writeFile(csvTemporary, text, { flag: 'a' });
    for (const line of text.split('\n')) if (line !== '') buffer.push(splitCsvLine(line));
    if (buffer.length >= 50_000) flush();
  }
  flush();
  parquet.finish();
  await rename(csvTemporary, join(directory, 'runs.csv'));
  await rename(parquetTemporary, join(directory, 'runs.parquet'));
  return ['runs.csv', 'runs.parquet'];
}

/**
 * Combines shard folders into exactly what one machine would have written.
 * Units are copied one at a time, so memory stays bounded however large the sweep.
 */
export async function mergeSweeps(directories: readonly string[], out: string): Promise<string[]> {
  if (directories.length === 0)
    throw new ScenarioError('merge', [{ path: '', message: 'expected at least one shard folder' }], 'merge');
  let manifestText: string | undefined;
  for (const directory of directories) {
    const manifestPath = join(directory, 'sweep.json');
    if (!existsSync(manifestPath))
      throw new ScenarioError(directory, [{ path: '', message: 'no sweep.json: not a sweep folder' }], 'sweep folder');
    const text = await readFile(manifestPath, 'utf8');
    if (manifestText !== undefined && text !== manifestText) {
      throw new ScenarioError(
        directory,
        [{ path: 'sweep.json', message: `belongs to a different sweep than ${directories[0]}` }],
        'sweep folder',
      );
    }
    manifestText = text;
  }
  const manifest = JSON.parse(manifestText as string) as {
    definition: { experiment: Experiment; base: Record<string, unknown> };
  };
  const experiment = experimentSchema.parse(manifest.definition.experiment);
  const loaded: LoadedExperiment = {
    experiment,
    base: manifest.definition.base,
    source: 'merge',
    plan: planSweep(experiment, manifest.definition.base, 'merge'),
  };
  await writeFilesAtomically(
    out,
    new Map([
      ['sweep.json', manifestText as string],
      ['points.csv', pointsCsv(loaded.plan)],
    ]),
  );
  await mkdir(join(out, 'chunks'), { recursive: true });
  const copied = await existingUnits(out);
  for (const directory of directories) {
    for (const name of await existingUnits(directory)) {
      const content = await readFile(join(directory, 'chunks', `${name}.csv`), 'utf8');
      const target = join(out, 'chunks', `${name}.csv`);
      if (copied.has(name)) {
        if ((await readFile(target, 'utf8')) !== content) {
          throw new ScenarioError(
            directory,
            [{ path: `chunks/${name}.csv`, message: 'differs from the same unit in another shard' }],
            'sweep folder',
          );
        }
        continue;
      }
      await writeFile(`${target}.tmp-${process.pid}`, content);
      await rename(`${target}.tmp-${process.pid}`, target);
      copied.add(name);
    }
  }
  return finaliseSweep(out, loaded);
}

/** Reads a finished sweep's definition back (for analysis). */
export async function loadSweepDefinition(directory: string): Promise<LoadedExperiment> {
  const manifestPath = join(directory, 'sweep.json');
  if (!existsSync(manifestPath))
    throw new ScenarioError(directory, [{ path: '', message: 'no sweep.json: not a sweep folder' }], 'sweep folder');
  const manifest = JSON.parse(await readFile(manifestPath, 'utf8')) as {
    definition: { experiment: unknown; base: Record<string, unknown> };
  };
  const experiment = experimentSchema.parse(manifest.definition.experiment);
  return {
    experiment,
    base: manifest.definition.base,
    source: directory,
    plan: planSweep(experiment, manifest.definition.base, directory),
  };
}

/** Streams the rows of a finished sweep's runs.csv. */
export async function* readRuns(directory: string): AsyncGenerator<string[]> {
  const lines = createInterface({
    input: createReadStream(join(directory, 'runs.csv'), 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  let header = true;
  for await (const line of lines) {
    if (header) {
      header = false;
      continue;
    }
    if (line !== '') yield splitCsvLine(line);
  }
}
