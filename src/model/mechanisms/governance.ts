/**
 * Which governance mode runs this week, and why it changes (逻辑转换).
 *
 * A fixed timeline changes the mode at given weeks. A switch rule makes the
 * change an endogenous decision of the street leadership: at the end of each
 * week it measures the operational dilemma (运作困境) from what it can see —
 * staff overload, projects idling, residents absent — and at the start of the
 * next week acts on it through the frame it reads it in:
 *
 * - Administrative frame: the dilemma reads as lagging implementation, and
 *   the answer is more of the same — while stage-target pressure is on, every
 *   department's pressure is raised by `frameResponse × dilemma` a week. A
 *   switch is not on the table.
 * - Reframed: the dilemma is read as a problem of the approach itself. An
 *   expert team's consultation reframes it (专家介入催化); without one the
 *   leadership may come to it alone, each week with chance
 *   `selfReframingChance × dilemma` — path dependence (路径依赖) makes this rare.
 *   Once reframed, the leadership switches with hazard
 *
 *     h = 1 − exp(−rate × (driveWeight × performanceDrive + dilemmaWeight × dilemma) × (1 − inertia))
 *
 * drawn from the `switch` stream. A switch opens a pause of `pauseWeeks`,
 * then the target mode. With neither drive nor dilemma the hazard is zero.
 */
import type { RandomSource } from '../../core/index.js';
import { type ModeSettings, resolveMode } from '../../scenario/index.js';
import type { SimulationState } from '../state.js';

/** The pause that a switch opens: renewal frozen, no mechanism on. */
const pauseMode: ModeSettings = { participation: false, integration: false, pressure: 'low', renewal: 'paused' };

/**
 * Operational dilemma in [0, 1]: the mean of staff overload (load above 1,
 * saturating at 1.5), the share of pipeline projects that idled this week,
 * and the share of households unaware of the renewal (群众缺位).
 */
export function operationalDilemma(staffLoad: number, weeklyIdleShare: number, unawareShare: number): number {
  const overload = Math.min(1, 2 * Math.max(0, staffLoad - 1));
  return (overload + weeklyIdleShare + unawareShare) / 3;
}

/** Weekly switching hazard of a switch rule once the dilemma has been reframed (0 before). */
export function switchHazard(
  rule: NonNullable<SimulationState['scenario']['switchRule']>,
  dilemma: number,
  reframed: boolean,
): number {
  if (!reframed) return 0;
  const pressureToChange = rule.driveWeight * rule.performanceDrive + rule.dilemmaWeight * dilemma;
  const rate = rule.weeklyRate * pressureToChange * (1 - rule.inertia);
  return 1 - Math.exp(-rate);
}

/** The administrative frame's answer to a dilemma it does not see as its own: more pressure on every department. */
function pressOn(state: SimulationState, rule: NonNullable<SimulationState['scenario']['switchRule']>): void {
  if (state.mode.pressure !== 'high' || state.mode.renewal !== 'active') return;
  for (const department of state.departments) department.pressure += rule.frameResponse * state.leadership.dilemma;
}

/** Decides this week's mode: from the timeline, or by the switch rule. Call at the start of the week. */
export function decideMode(state: SimulationState, random: RandomSource): ModeSettings {
  const { scenario, leadership } = state;
  const week = state.week;
  const rule = scenario.switchRule;
  if (rule === undefined) {
    let mode = scenario.mode;
    for (const entry of scenario.timeline) {
      if (entry.week <= week) {
        mode = entry.mode;
        if (entry.week === week && entry.event !== undefined) leadership.events.push({ week, event: entry.event });
      }
    }
    return resolveMode(mode);
  }
  leadership.expertPresent = rule.expertPresent && week >= rule.expertFromWeek;
  if (leadership.switchWeek < 0 && leadership.reframedWeek < 0) {
    // An expert reframes the week it arrives; alone, the leadership can reframe only a dilemma it has seen (week 2 on).
    const reframedAlone = week > 1 && random.stream('reframing').chance(rule.selfReframingChance * leadership.dilemma);
    if (leadership.expertPresent || reframedAlone) leadership.reframedWeek = week;
  }
  if (leadership.switchWeek < 0 && week > 1) {
    const reframed = leadership.reframedWeek >= 0;
    if (!reframed) pressOn(state, rule);
    leadership.hazard = switchHazard(rule, leadership.dilemma, reframed);
    if (random.stream('switch').chance(leadership.hazard)) {
      leadership.switchWeek = week;
      leadership.events.push({ week, event: rule.event });
    }
  }
  if (leadership.switchWeek < 0) return resolveMode(scenario.mode);
  if (week < leadership.switchWeek + rule.pauseWeeks) return { ...pauseMode };
  return resolveMode(rule.to);
}

/**
 * The leadership's reading of the week just run: the operational dilemma. Call at the end of the week.
 *
 * It reads what it can see. With no project in the pipeline (none listed yet, or all finished) no project is seen
 * idling, so the idle share reads 0 — not the undefined share of the `idling` metric — and the dilemma is what
 * overload and absent residents alone give; likewise a street without staff capacity shows no overload.
 */
export function observeDilemma(state: SimulationState, _random: RandomSource): void {
  let demand = 0;
  let capacity = 0;
  for (const team of state.staff) {
    demand += team.demandHours;
    capacity += team.capacityHours;
  }
  const tally = state.weekTally;
  const pipeline = tally.idleProjects + tally.progressedProjects;
  const aware = state.householdLedger.awareCount;
  state.leadership.dilemma = operationalDilemma(
    capacity > 0 ? demand / capacity : 0,
    pipeline > 0 ? tally.idleProjects / pipeline : 0,
    state.households.count > 0 ? 1 - aware / state.households.count : 0,
  );
}
