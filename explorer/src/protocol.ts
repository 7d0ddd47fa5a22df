/**
 * Messages between the page and the engine worker. The page sends scenarios
 * already validated; the worker answers with frames (the weeks simulated since
 * the last frame, the events, the community picture) and comparison rows.
 */
import type { Scenario, WeekRecord } from 'govsim';
import type { CommunityFrame, CommunityLayout } from './community-view.js';
import type { RunKey } from './setup.js';

/** A run to simulate. */
export interface RunSetup {
  key: RunKey;
  scenario: Scenario;
}

/** What the page asks of the engine. Every run request carries a generation; replies to older generations are dropped. */
export type EngineRequest =
  /** New models on `seed`, simulated to `week` (or the horizon) before the first frame. */
  | { type: 'reset'; generation: number; runs: RunSetup[]; seed: number; week: number }
  /** `weeks` more weeks, then one frame. */
  | { type: 'step'; generation: number; weeks: number }
  /** Weeks one after another, `weeksPerSecond` (0: as fast as possible), a frame each time, until the horizon or a pause. */
  | { type: 'play'; generation: number; weeksPerSecond: number }
  | { type: 'pause'; generation: number }
  /**
   * The page no longer wants the reset of `generation` (another is queued): stop simulating towards its week and answer
   * with its reset frame as far as it got. Nothing when that reset is already shown.
   */
  | { type: 'abandon'; generation: number }
  /** Paired replicates of two scenarios on common seeds: replicate r runs both on run A's seed of replicate r. */
  | { type: 'compare'; job: number; a: Scenario; b: Scenario; replicates: number[]; metrics: string[] };

/** One run's part of a frame. */
export interface RunFrame {
  key: RunKey;
  /** The weeks simulated since the previous frame of this generation (all of them in a reset's frame). */
  records: WeekRecord[];
  /** Events of the run so far (timeline entries reached, switch decided). */
  events: Array<{ week: number; event: string }>;
  horizon: number;
  /** Sent with a reset's frame only. */
  layout: CommunityLayout | null;
  picture: CommunityFrame;
}

/** One replicate of a comparison: each metric's value in the run of A and of B. */
export interface ReplicateRow {
  replicate: number;
  seed: number;
  a: number[];
  b: number[];
}

/** What the engine answers. */
export type EngineReply =
  | { type: 'frame'; generation: number; reset: boolean; playing: boolean; runs: RunFrame[] }
  | { type: 'error'; generation: number; message: string }
  | { type: 'compare-progress'; job: number; done: number }
  | { type: 'compare-result'; job: number; rows: ReplicateRow[] }
  | { type: 'compare-error'; job: number; message: string };
