/**
 * Fragmentation (碎片化, 各自为政): how many separate channels the community
 * must deal with, and how little of the coordination happens in a joint
 * forum. Paper §3: every department docks separately with the community;
 * under co-production one plan, one interface, joint and on-site meetings.
 */
import { sampleMean } from '../core/index.js';

/**
 * Interfaces per project = mean over projects of the channels through which
 * staff must deal with it (its departments when each docks separately, 1
 * under a unified plan). Unit: interfaces. Range [1, departments]; NaN for none.
 * @example interfacesPerProject([{ interfaces: 1 }, { interfaces: 3 }]) // 2
 */
export function interfacesPerProject(projects: ReadonlyArray<{ interfaces: number }>): number {
  if (projects.length === 0) return Number.NaN;
  let total = 0;
  for (const project of projects) total += project.interfaces;
  return total / projects.length;
}

/**
 * Unintegrated share = projects outside a plan (each docked by its departments separately) ÷ projects.
 * Unit: share. Range [0, 1]; NaN for none.
 * @example unintegratedShare([{ integrated: true }, { integrated: false }]) // 0.5
 */
export function unintegratedShare(projects: ReadonlyArray<{ integrated: boolean }>): number {
  if (projects.length === 0) return Number.NaN;
  let outside = 0;
  for (const project of projects) if (!project.integrated) outside++;
  return outside / projects.length;
}

/**
 * Docking channels = distinct (department, community) pairs through which the
 * street's open projects outside a plan are docked — each department docks
 * separately with each community it has such a project in — plus one for
 * each community with an open plan project (the plan's one interface). Open:
 * neither done nor cancelled (listed ones included). Unit: channels. Range
 * [0, departments × communities + communities] (a community may have projects
 * outside its plan and a plan at once); 0 with no live project. The measure of how
 * fragmentation grows with the communities of a street (paper §3: 各自对接).
 * @example dockingChannels([{ community: 0, departments: [0, 1], integrated: false, status: 'docking' }, { community: 1, departments: [0, 1], integrated: true, status: 'listed' }], 2) // 3
 */
export function dockingChannels(
  projects: ReadonlyArray<{ community: number; departments: readonly number[]; integrated: boolean; status: string }>,
  departments: number,
): number {
  const channels = new Set<number>();
  const planCommunities = new Set<number>();
  for (const project of projects) {
    if (project.status === 'done' || project.status === 'cancelled') continue;
    if (project.integrated) planCommunities.add(project.community);
    else for (const department of project.departments) channels.add(project.community * departments + department);
  }
  return channels.size + planCommunities.size;
}

function bitIsSet(mask: number, bit: number): boolean {
  // Bit operations where they give the same answer (a non-negative 31-bit mask), arithmetic beyond.
  if (bit < 31 && mask >= 0 && mask <= 0x7fffffff && (mask | 0) === mask) return ((mask >>> bit) & 1) === 1;
  return Math.floor(mask / 2 ** bit) % 2 === 1;
}

/**
 * Fragmentation index = 1 − mean over projects of (coordination pairs covered
 * by a joint or on-site forum ÷ coordination pairs). A project's parties are
 * the community staff (bit 0 of `forumParties`) and each department it needs
 * (bit d + 1); a pair is covered when both parties met about the project in
 * a forum (joint or on-site meetings, not necessarily the same one). Unit: share. Range [0, 1] (1 = nobody ever met jointly); NaN for none.
 * @example fragmentationIndex([{ departments: [0, 1], forumParties: 0b111 }]) // 0
 */
export function fragmentationIndex(projects: ReadonlyArray<{ departments: readonly number[]; forumParties: number }>): number {
  if (projects.length === 0) return Number.NaN;
  let coveredShareTotal = 0;
  for (const project of projects) coveredShareTotal += coveredPairShare(project);
  return 1 - coveredShareTotal / projects.length;
}

/**
 * One project's share of coordination pairs covered by a forum (the term
 * {@link fragmentationIndex} averages): its parties are the staff (bit 0)
 * and each department d it needs (bit d + 1); of n parties, k of them met in
 * a forum, n(n − 1)/2 pairs are to be covered and k(k − 1)/2 are; 1 with no pair.
 * @example coveredPairShare({ departments: [0, 1], forumParties: 0b011 }) // 0.333… (1 of 3 pairs)
 */
export function coveredPairShare(project: { departments: readonly number[]; forumParties: number }): number {
  const mask = project.forumParties;
  const parties = project.departments.length + 1;
  let present = bitIsSet(mask, 0) ? 1 : 0;
  for (const department of project.departments) if (bitIsSet(mask, department + 1)) present++;
  // Counted from zero, as pairs are (no −0 from 0 × −1).
  const pairs = parties > 1 ? (parties * (parties - 1)) / 2 : 0;
  const covered = present > 1 ? (present * (present - 1)) / 2 : 0;
  return pairs > 0 ? covered / pairs : 1;
}

/**
 * Open docking threads = the channels through which staff still deal with
 * projects in docking this week: each unconfirmed (project, department)
 * thread when departments dock separately, one per project under a plan's one
 * interface. Unit: threads. Range [0, ∞).
 * @example openDockingThreads([{ status: 'docking', integrated: false, threads: [{ confirmed: false }, { confirmed: true }] }]) // 1
 */
export function openDockingThreads(
  projects: ReadonlyArray<{ status: string; integrated: boolean; threads: ReadonlyArray<{ confirmed: boolean }> }>,
): number {
  let open = 0;
  for (const project of projects) open += openThreadsOf(project);
  return open;
}

/**
 * One project's open docking threads (the term {@link openDockingThreads}
 * adds up): 0 unless it is in docking.
 * @example openThreadsOf({ status: 'docking', integrated: true, threads: [{ confirmed: false }, { confirmed: false }] }) // 1
 */
export function openThreadsOf(project: {
  status: string;
  integrated: boolean;
  threads: ReadonlyArray<{ confirmed: boolean }>;
}): number {
  if (project.status !== 'docking') return 0;
  let unconfirmed = 0;
  for (const thread of project.threads) if (!thread.confirmed) unconfirmed++;
  return project.integrated ? Math.min(1, unconfirmed) : unconfirmed;
}

/**
 * Settle time = mean over settled cross-department projects of (week of the
 * last confirmation − week docking started + 1): both weeks counted, so a
 * question settled in the week it was raised takes 1 (the office loop versus
 * on-site joint docking). Unit: weeks. Range [1, ∞); NaN when none settled.
 * @example meanSettleWeeks(12, 4) // 3
 */
export function meanSettleWeeks(settleWeeksTotal: number, settledQuestions: number): number {
  return settledQuestions > 0 ? settleWeeksTotal / settledQuestions : Number.NaN;
}

/**
 * Departments per project = mean number of departments a project involves, over the projects taken on and not
 * cancelled (listed ones included): how many hands a project passes through. Unit: departments per project.
 * Range [1, 3]; NaN with no such project.
 * @example meanDepartmentsPerProject([{ departments: [0], status: 'done' }, { departments: [0, 2], status: 'listed' }]) // 1.5
 */
export function meanDepartmentsPerProject(projects: ReadonlyArray<{ departments: readonly number[]; status: string }>): number {
  return sampleMean(projects.filter((project) => project.status !== 'cancelled').map((project) => project.departments.length));
}
