/**
 * The phases of a scenario's course, for shading charts: the modes of its
 * timeline, with the co-production sub-phases (mobilisation, council,
 * matching, implementation) counted from the week participation starts, and
 * each later planning cycle — a budget year begun after the plan was adopted
 * runs the sub-phases again while implementation goes on — marked within
 * implementation. Budget years are counted from the first community's join week.
 */
import { budgetYearWeeks, participationSchedule } from '../model/index.js';
import { resolveMode, type Scenario } from '../scenario/index.js';

/**
 * A stretch of weeks of a scenario's course shaded on the charts, such as `administrative-led`, `pause`,
 * `mobilisation`, `council`, `matching` or `implementation`.
 */
export interface Phase {
  /** The phase's name as the charts label it. */
  label: string;
  /** First week of the phase. */
  from: number;
  /** Last week of the phase. */
  to: number;
}

/** Consecutive, non-overlapping phases covering weeks 1..scenario.weeks. */
export function scenarioPhases(scenario: Scenario): Phase[] {
  const segments: Array<{ from: number; mode: ReturnType<typeof resolveMode> }> = [{ from: 1, mode: resolveMode(scenario.mode) }];
  for (const entry of scenario.timeline) segments.push({ from: entry.week, mode: resolveMode(entry.mode) });
  const phases: Phase[] = [];
  const schedule = participationSchedule(scenario.parameters);
  segments.forEach((segment, index) => {
    const end = Math.min(scenario.weeks, (segments[index + 1]?.from ?? scenario.weeks + 1) - 1);
    if (end < segment.from) return;
    const mode = segment.mode;
    if (mode.renewal === 'paused') {
      phases.push({ label: 'pause', from: segment.from, to: end });
    } else if (mode.participation) {
      const start = segment.from;
      const parts: Phase[] = [
        { label: 'mobilisation', from: start, to: start + (schedule.councilMeetings[0] as number) - 1 },
        { label: 'council', from: start + (schedule.councilMeetings[0] as number), to: start + schedule.matchingStart - 1 },
        { label: 'matching', from: start + schedule.matchingStart, to: start + schedule.planAdoption },
      ];
      // A later cycle starts with a budget year once the previous cycle's plan is adopted.
      const joinWeek = scenario.world.communities[0]?.joinsWeek;
      let adopted = start + schedule.planAdoption;
      let cycle = 1;
      const firstYearStart = joinWeek === null ? Number.POSITIVE_INFINITY : (joinWeek ?? 1) + budgetYearWeeks;
      for (let yearStart = firstYearStart; yearStart <= end; yearStart += budgetYearWeeks) {
        if (yearStart <= adopted) continue;
        cycle++;
        parts.push({ label: 'implementation', from: adopted + 1, to: yearStart - 1 });
        adopted = yearStart + schedule.planAdoption;
        parts.push({ label: `implementation and planning cycle ${cycle}`, from: yearStart, to: adopted });
      }
      parts.push({ label: 'implementation', from: adopted + 1, to: end });
      for (const part of parts) if (part.from <= Math.min(part.to, end)) phases.push({ ...part, to: Math.min(part.to, end) });
    } else if (mode.integration) {
      phases.push({ label: 'integrated plan', from: segment.from, to: end });
    } else {
      phases.push({ label: mode.pressure === 'high' ? 'administrative-led' : 'departments alone', from: segment.from, to: end });
    }
  });
  return phases;
}
