/**
 * The project lifecycle and its legal transitions.
 *
 *   listed ──► docking ──► ready ──► active ⇄ idle ──► done
 *      ▲          │          │         │       │
 *      └──────────┘(pause)   └─────────┴───────┴──► cancelled (from any state but done)
 *
 * listed: on a catalogue or in a plan, no docking begun. docking: confirmations
 * from the departments it needs are being sought. ready: all confirmed, works
 * not yet started. active: works progressed this week. idle: works due but no
 * progress this week (frozen, or missing capacity, staff or money). A ready
 * project whose works make no progress in their first week goes straight to
 * idle; idle → done is allowed, though a project completes from active.
 */
export const projectStatuses = ['listed', 'docking', 'ready', 'active', 'idle', 'done', 'cancelled'] as const;
/** A stage of a project's lifecycle: listed, docking, ready, active, idle, done or cancelled (see {@link projectStatuses}). */
export type ProjectStatus = (typeof projectStatuses)[number];

const legal: Readonly<Record<ProjectStatus, readonly ProjectStatus[]>> = {
  listed: ['docking', 'cancelled'],
  docking: ['ready', 'listed', 'cancelled'],
  ready: ['active', 'idle', 'cancelled'],
  active: ['idle', 'done', 'cancelled'],
  idle: ['active', 'done', 'cancelled'],
  done: [],
  cancelled: [],
};

/** Whether a project may move from `from` to `to` in one step. */
export function isLegalTransition(from: ProjectStatus, to: ProjectStatus): boolean {
  return from === to || legal[from].includes(to);
}

/** Statuses in which a project is in the pipeline: approved, not finished. */
export function isInPipeline(status: ProjectStatus): boolean {
  return status === 'docking' || status === 'ready' || status === 'active' || status === 'idle';
}
