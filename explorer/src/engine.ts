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
  /** The next part of a reset's simulation towards its week, when one is under way. */
  private catchUpTimer: ReturnType<typeof setTimeout> | null = null;
  /** Requests of the generation that came while its reset was simulating towards its week: handled once it is shown. */
  private waiting: EngineRequest[] | null = null;

  /**
   * @param post where replies go
   * @param budgetMs the longest one part of a computation runs before the engine looks at its messages again (a play
   *   tick, a reset's simulation towards a far week); at least one week is simulated in each part
   */
  constructor(
    private readonly post: Post,
    private readonly budgetMs = tickBudgetMs,
  ) {}

  /** Handles one request from the page. */
  handle(request: EngineRequest): void {
    if (request.type === 'compare') {
      this.compare(request);
      return;
    }
    if (request.generation < this.generation) return;
    if (this.waiting !== null && request.type !== 'reset') {
      if (request.type === 'abandon') this.finishCatchUp(false);
      else this.waiting.push(request);
      return;
    }
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
      // 'abandon' with no reset under way: its reset is shown already, nothing to do.
    } catch (error) {
      this.stop();
      this.post(
        { type: 'error', generation: this.generation, message: error instanceof Error ? error.message : String(error) },
        [],
      );
    }
  }

  /**
   * New models, simulated to the week asked in parts of at most the budget's length (a far week of a big world takes
   * tens of seconds), so that the page can abandon it; its frame is sent when they get there.
   */
  private reset(generation: number, request: Extract<EngineRequest, { type: 'reset' }>): void {
    this.stop();
    this.cancelCatchUp();
    this.generation = generation;
    this.models = request.runs.map((run) => ({
      key: run.key,
      model: createModel(run.scenario, { seed: request.seed }),
      sent: 0,
    }));
    this.waiting = [];
    this.catchUp(request.week);
  }

  /** One part of a reset's simulation towards `week` (each model to its horizon at most); the frame once all are there. */
  private catchUp(week: number): void {
    this.catchUpTimer = null;
    try {
      const started = performance.now();
      const behind = () => this.models.filter(({ model }) => model.week < Math.min(week, model.scenario.weeks));
      for (let lagging = behind(); lagging.length > 0; lagging = behind()) {
        for (const { model } of lagging) model.run(1);
        if (performance.now() - started >= this.budgetMs && behind().length > 0) {
          this.catchUpTimer = setTimeout(() => this.catchUp(week), 0);
          return;
        }
      }
    } catch (error) {
      this.cancelCatchUp();
      this.post(
        { type: 'error', generation: this.generation, message: error instanceof Error ? error.message : String(error) },
        [],
      );
      return;
    }
    this.finishCatchUp(true);
  }

  /**
   * Ends a reset's simulation where it is: its frame, then, unless the page abandoned it (a newer reset follows), the
   * requests that waited for it, in their order.
   */
  private finishCatchUp(handleWaiting: boolean): void {
    const waiting = handleWaiting ? (this.waiting ?? []) : [];
    this.cancelCatchUp();
    this.send(true);
    for (const request of waiting) this.handle(request);
  }

  private cancelCatchUp(): void {
    if (this.catchUpTimer !== null) clearTimeout(this.catchUpTimer);
    this.catchUpTimer = null;
    this.waiting = null;
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
      while (this.weeksPerSecond === 0 && !this.finished() && performance.now() - started < this.budgetMs);
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
