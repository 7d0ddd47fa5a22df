/** The explorer's engine gives exactly what the library gives: the same weeks, the same comparison. */
import { describe, expect, it } from 'vitest';
import { combineReplicates, comparisonProgressText, replicateBlocks } from '../../explorer/src/comparison.js';
import { ExplorerEngine } from '../../explorer/src/engine.js';
import type { EngineReply, ReplicateRow, RunFrame } from '../../explorer/src/protocol.js';
import { parseScenario } from '../../src/scenario/index.js';
import { compareScenarios, createModel, headlineMetrics, runScenario } from '../../src/simulation/index.js';
import { tinyScenario } from '../helpers.js';

/**
 * An engine whose replies are kept. `budgetMs` as the engine takes it: the default, 30 ms, lets a reset on a loaded
 * machine go on in parts on timers; with no limit every reset and play tick is done before `handle` returns.
 */
function engineWithReplies(budgetMs?: number): { engine: ExplorerEngine; replies: EngineReply[] } {
  const replies: EngineReply[] = [];
  return { engine: new ExplorerEngine((reply) => replies.push(structuredClone(reply)), budgetMs), replies };
}

function frames(replies: EngineReply[]): Array<Extract<EngineReply, { type: 'frame' }>> {
  return replies.filter((reply): reply is Extract<EngineReply, { type: 'frame' }> => reply.type === 'frame');
}

function run(frame: Extract<EngineReply, { type: 'frame' }> | undefined, key: 'a' | 'b'): RunFrame {
  const found = frame?.runs.find((candidate) => candidate.key === key);
  if (found === undefined) throw new Error(`no run ${key}`);
  return found;
}

describe('the explorer engine', () => {
  const a = tinyScenario('administrative-led');
  const b = tinyScenario('co-production');
  const seed = 77;

  it('resets to a week, steps and plays to the horizon, giving the weeks of runScenario on the same seed', async () => {
    // No time limit: the reset's frame is there as soon as `handle` returns (parts are tested below).
    const { engine, replies } = engineWithReplies(Number.POSITIVE_INFINITY);
    const runs = [
      { key: 'a' as const, scenario: a },
      { key: 'b' as const, scenario: b },
    ];
    engine.handle({ type: 'reset', generation: 1, runs, seed, week: 10 });
    const first = frames(replies)[0];
    expect(first?.reset).toBe(true);
    expect(run(first, 'a').records).toEqual(createModel(a, { seed }).run(10));
    expect(run(first, 'a').layout?.householdOrder.length).toBe(200);
    engine.handle({ type: 'step', generation: 1, weeks: 1 });
    expect(run(frames(replies)[1], 'b').records.map((record) => record.week)).toEqual([11]);
    engine.handle({ type: 'play', generation: 1, weeksPerSecond: 0 });
    await new Promise<void>((done) => {
      const check = () =>
        frames(replies).at(-1)?.playing === false && frames(replies).length > 2 ? done() : setTimeout(check, 5);
      check();
    });
    for (const key of ['a', 'b'] as const) {
      const weeks = frames(replies).flatMap((frame) => run(frame, key).records);
      expect(weeks).toEqual(runScenario(key === 'a' ? a : b, { seed }).weeks);
    }
    // Replies to an older generation's requests are never sent.
    const before = replies.length;
    engine.handle({ type: 'step', generation: 0, weeks: 1 });
    expect(replies.length).toBe(before);
  });

  /** Waits until `ready` holds, looking every few milliseconds (the engine's parts run on timers). */
  const until = (ready: () => boolean) =>
    new Promise<void>((done) => {
      const check = () => (ready() ? done() : setTimeout(check, 2));
      check();
    });

  it('simulates a reset towards its week in parts, shows it there, then handles what came meanwhile in order', async () => {
    // A budget of 0 ms: one week per part, so the reset takes ten parts and the page's play waits for its frame.
    const replies: EngineReply[] = [];
    const engine = new ExplorerEngine((reply) => replies.push(structuredClone(reply)), 0);
    const runs = [
      { key: 'a' as const, scenario: a },
      { key: 'b' as const, scenario: b },
    ];
    engine.handle({ type: 'reset', generation: 1, runs, seed, week: 10 });
    expect(frames(replies)).toEqual([]);
    engine.handle({ type: 'play', generation: 1, weeksPerSecond: 0 });
    // The reset's frame, then the play's, the last of them at the horizon and no longer playing.
    await until(() => frames(replies).length > 1 && frames(replies).at(-1)?.playing === false);
    const [first, ...played] = frames(replies);
    expect(first?.reset).toBe(true);
    expect(run(first, 'a').records).toEqual(createModel(a, { seed }).run(10));
    expect(played.every((frame) => !frame.reset)).toBe(true);
    const weeks = frames(replies).flatMap((frame) => run(frame, 'b').records);
    expect(weeks).toEqual(runScenario(b, { seed }).weeks);
  });

  it('stops a reset the page abandons where it got to, answering with its frame and dropping what waited for it', async () => {
    const replies: EngineReply[] = [];
    const engine = new ExplorerEngine((reply) => replies.push(structuredClone(reply)), 0);
    engine.handle({ type: 'reset', generation: 4, runs: [{ key: 'a', scenario: a }], seed, week: 50 });
    engine.handle({ type: 'play', generation: 4, weeksPerSecond: 0 });
    engine.handle({ type: 'abandon', generation: 4 });
    const [frame] = frames(replies);
    expect(frames(replies)).toHaveLength(1);
    expect(frame?.reset).toBe(true);
    expect(run(frame, 'a').records).toEqual(createModel(a, { seed }).run(1));
    // Nothing more comes: the simulation towards week 50 and the play that waited are gone.
    await new Promise((done) => setTimeout(done, 30));
    expect(frames(replies)).toHaveLength(1);
    // An abandon that comes after its reset was shown changes nothing.
    engine.handle({ type: 'reset', generation: 5, runs: [{ key: 'a', scenario: a }], seed, week: 1 });
    engine.handle({ type: 'abandon', generation: 5 });
    expect(frames(replies)).toHaveLength(2);
  });

  it('shows the timeline’s events and the picture of the week', () => {
    const { engine, replies } = engineWithReplies(Number.POSITIVE_INFINITY);
    const scenario = parseScenario({
      ...structuredClone(tinyScenario('administrative-led')),
      timeline: [{ week: 5, mode: 'co-production', event: 'switch' }],
    });
    engine.handle({ type: 'reset', generation: 3, runs: [{ key: 'a', scenario }], seed, week: 8 });
    const frame = run(frames(replies)[0], 'a');
    const model = createModel(scenario, { seed });
    model.run(8);
    expect(frame.events).toEqual(model.result().events);
    expect(frame.events.map((event) => event.week)).toEqual([5]);
    expect(frame.picture.week).toBe(8);
    expect(frame.picture.mode.integration).toBe(true);
    expect(frame.picture.aware.length).toBe(200);
    expect(frame.picture.siteStatus.length).toBe(12);
    expect(frame.picture.departmentLoad.length).toBe(4);
  });

  it('reports an invalid request as an error of its generation', () => {
    const { engine, replies } = engineWithReplies();
    engine.handle({ type: 'reset', generation: 2, runs: [{ key: 'a', scenario: { name: 'x' } as never }], seed, week: 1 });
    expect(replies[0]).toMatchObject({ type: 'error', generation: 2 });
  });

  it('compares on common seeds exactly as compareScenarios, however the replicates are split', () => {
    const metrics = headlineMetrics.map((metric) => metric.key);
    const rows: ReplicateRow[] = [];
    for (const block of replicateBlocks(5, 3)) {
      const { engine, replies } = engineWithReplies();
      engine.handle({ type: 'compare', job: 1, a, b, replicates: block, metrics });
      const result = replies.at(-1);
      expect(result?.type).toBe('compare-result');
      if (result?.type === 'compare-result') rows.push(...result.rows);
      expect(replies.filter((reply) => reply.type === 'compare-progress')).toHaveLength(block.length);
    }
    expect(combineReplicates(headlineMetrics, rows.reverse())).toEqual(compareScenarios(a, b, { replicates: 5 }).metrics);
  });

  it('says how far a comparison is and, from the rate so far, about how long is left', () => {
    expect(comparisonProgressText(0, 40, 0)).toBe('0 of 40 paired replicates done…');
    expect(comparisonProgressText(10, 40, 5)).toBe('10 of 40 paired replicates done, about 15 s left');
    expect(comparisonProgressText(1, 200, 0.6)).toBe('1 of 200 paired replicates done, about 1 min 59 s left');
    // Never "0 s left" while replicates remain; nothing left to estimate once all are done.
    expect(comparisonProgressText(399, 400, 10)).toBe('399 of 400 paired replicates done, about 1 s left');
    expect(comparisonProgressText(400, 400, 10)).toBe('400 of 400 paired replicates done…');
  });

  it('splits replicates into contiguous blocks, none empty', () => {
    expect(replicateBlocks(5, 3)).toEqual([[0, 1], [2, 3], [4]]);
    expect(replicateBlocks(2, 4)).toEqual([[0], [1]]);
    expect(replicateBlocks(3, 1)).toEqual([[0, 1, 2]]);
  });
});
