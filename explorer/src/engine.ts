/**
 * The engine behind the explorer, run in a Web Worker: two models stepped
 * together on one seed (common random numbers), played at a pace or stepped
 * week by week, and paired replicates for the comparison. It only answers
 * messages, so it runs and is tested the same way in Node.
 */
import { createModel, type Model, runScenario, runSeed, summaryValue } from 'govsim';
import { communityFrame, communityLayout } from './community-view.js';
import type { EngineReply, EngineRequest, ReplicateRow, RunFrame } from './protocol.js';
import type { RunKey } from './setup.js';

/** Posts a reply (with the buffers it may transfer). */
export type Post = (reply: EngineReply, transfer: ArrayBuffer[]) => void;

/** The longest a play tick computes before it posts a frame, when playing as fast as possible (milliseconds). */
const tickBudgetMs = 30;

/** Buffers of a frame, to transfer rather than copy. */
function buffersOf(runs: RunFrame[]): ArrayBuffer[] {
  return runs.flatMap((run) =>
    [run.picture.aware, run.picture.engaged, run.picture.satisfaction, run.picture.trust].map(
      (array) => array.buffer as ArrayBuffer,
    ),
  );
}

/** The engine: handles requests, posts replies. */
export class ExplorerEngine {
  private generation = -1;
  private models: Array<{ key: RunKey; model: Model; sent: number }> = [];
  private playing = false;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private weeksPerSecond = 0;

  constructor(private readonly post: Post) {}

  /** Handles one request from the page. */
  handle(request: EngineRequest): void {
    if (request.type === 'compare') {
      this.compare(request);
      return;
    }
    if (request.generation < this.generation) return;
    try {
      if (request.type === 'reset') this.reset(request.generation, request);
      else if (request.type === 'step') {
        this.stop();
        this.advance(request.weeks);
        this.send(false);
      } else if (request.type === 'play') {
        this.weeksPerSecond = request.weeksPerSecond;
        if (!this.playing && !this.finished()) {
          this.playing = true;
          this.schedule(0);
        }
        if (this.finished()) this.send(false);
      } else if (request.type === 'pause') {
        this.stop();
        this.send(false);
      }
    } catch (error) {
      this.stop();
      this.post(
        { type: 'error', generation: this.generation, message: error instanceof Error ? error.message : String(error) },
        [],
      );
    }
  }

  private reset(generation: number, request: Extract<EngineRequest, { type: 'reset' }>): void {
    this.stop();
    this.generation = generation;
    this.models = request.runs.map((run) => ({
      key: run.key,
      model: createModel(run.scenario, { seed: request.seed }),
      sent: 0,
    }));
    for (const { model } of this.models) model.run(Math.min(request.week, model.scenario.weeks));
    this.send(true);
  }

  /** Whether every model has reached its horizon. */
  private finished(): boolean {
    return this.models.every(({ model }) => model.week >= model.scenario.weeks);
  }

  private advance(weeks: number): void {
    for (const { model } of this.models) model.run(Math.max(0, Math.min(weeks, model.scenario.weeks - model.week)));
  }

  private stop(): void {
    this.playing = false;
    if (this.timer !== null) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => this.tick(), delayMs);
  }

  private tick(): void {
    this.timer = null;
    if (!this.playing) return;
    try {
      const started = performance.now();
      do this.advance(1);
      while (this.weeksPerSecond === 0 && !this.finished() && performance.now() - started < tickBudgetMs);
      if (this.finished()) this.playing = false;
      this.send(false);
      if (this.playing)
        this.schedule(this.weeksPerSecond === 0 ? 0 : Math.max(0, 1000 / this.weeksPerSecond - (performance.now() - started)));
    } catch (error) {
      this.stop();
      this.post(
        { type: 'error', generation: this.generation, message: error instanceof Error ? error.message : String(error) },
        [],
      );
    }
  }

  /** Posts the weeks simulated since the last frame, the events and the picture of each run. */
  private send(reset: boolean): void {
    const runs: RunFrame[] = this.models.map((entry) => {
      const { model } = entry;
      const records = model.records.slice(entry.sent);
      entry.sent = model.records.length;
      return {
        key: entry.key,
        records,
        events: model.state.leadership.events.map((event) => ({ ...event })),
        horizon: model.scenario.weeks,
        layout: reset ? communityLayout(model.state) : null,
        picture: communityFrame(model.state, model.records.at(-1)),
      };
    });
    this.post({ type: 'frame', generation: this.generation, reset, playing: this.playing, runs }, buffersOf(runs));
  }

  private compare(request: Extract<EngineRequest, { type: 'compare' }>): void {
    try {
      const rows: ReplicateRow[] = [];
      for (const replicate of request.replicates) {
        const seed = runSeed(request.a, replicate);
        const summaryA = runScenario(request.a, { seed }).summary;
        const summaryB = runScenario(request.b, { seed }).summary;
        rows.push({
          replicate,
          seed,
          a: request.metrics.map((key) => summaryValue(summaryA, key)),
          b: request.metrics.map((key) => summaryValue(summaryB, key)),
        });
        this.post({ type: 'compare-progress', job: request.job, done: rows.length }, []);
      }
      this.post({ type: 'compare-result', job: request.job, rows }, []);
    } catch (error) {
      this.post({ type: 'compare-error', job: request.job, message: error instanceof Error ? error.message : String(error) }, []);
    }
  }
}
