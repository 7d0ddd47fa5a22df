/**
 * An extension: a street-level budget reallocation rule. Every
 * reviewIntervalWeeks the street reviews the projects still waiting for their
 * departments' confirmations; a project that has waited stalledWeeksLimit
 * weeks or more without any works is cancelled, and the money it held goes
 * back to its community's budget for the next catalogue or plan (a cancelled
 * project commits only what it spent, here nothing).
 *
 * It replaces nothing and draws nothing at random: it acts through the
 * built-in cancellation rule, after the built-in works phase, so what the
 * built-in mechanisms do next (relisting, planning) follows from the freed
 * money alone.
 */
import { amountParameter, cancelProject, defineExtension, defineModel, numberParameter } from 'govsim';
import * as z from 'zod';

interface ReallocationState {
  reclaimedProjects: number;
  reclaimedBudget: number;
  /** Projects reclaimed per lead department. */
  reclaimedByDepartment: number[];
}

export const budgetReallocation = defineExtension({
  name: 'budget-reallocation',
  description: 'The street reclaims the budget of projects stalled in docking and lets the community use it again.',
  parameters: z
    .object({
      reviewIntervalWeeks: numberParameter(13, {
        description: 'Weeks between the street’s budget reviews (a quarter by default).',
        basis: 'A',
        range: [4, 26],
        integer: true,
        hardMinimum: 1,
        hardMaximum: 52,
      }),
      stalledWeeksLimit: amountParameter(16, {
        description: 'Weeks a project may wait for confirmations, without works, before its budget is reclaimed.',
        basis: 'A',
        unit: 'weeks',
        range: [8, 26],
        hardMaximum: 520,
      }),
    })
    .strict(),
  createState: ({ state }): ReallocationState => ({
    reclaimedProjects: 0,
    reclaimedBudget: 0,
    reclaimedByDepartment: state.departments.map(() => 0),
  }),
  phases: [
    {
      name: 'budget review',
      after: 'works',
      run: ({ state, parameters, own }) => {
        if (state.week % parameters.reviewIntervalWeeks !== 0) return;
        for (const project of state.projects) {
          const waiting = project.status === 'docking' || project.status === 'listed';
          if (!waiting || project.spent > 0 || project.dockingStartWeek < 0) continue;
          if (state.week - project.dockingStartWeek < parameters.stalledWeeksLimit) continue;
          cancelProject(state, project);
          own.reclaimedProjects++;
          own.reclaimedBudget += project.cost;
          const lead = project.departments[0] as number;
          own.reclaimedByDepartment[lead] = (own.reclaimedByDepartment[lead] as number) + 1;
        }
      },
    },
  ],
  weeklyMeasures: {
    reclaimedProjects: { description: 'Projects reclaimed so far.', value: ({ own }) => own.reclaimedProjects },
  },
  runMeasures: {
    reclaimedBudget: { description: 'Budget reclaimed over the run (budget units).', value: ({ own }) => own.reclaimedBudget },
    reclaimedProjects: { description: 'Projects reclaimed over the run.', value: ({ own }) => own.reclaimedProjects },
  },
  agentMeasures: {
    projectsReclaimed: {
      description: 'Projects led by the department whose budget was reclaimed.',
      agent: 'department',
      value: ({ own }, department) => own.reclaimedByDepartment[department] as number,
    },
  },
});

/** The built-in model with the street's budget reallocation rule. */
export default defineModel({ name: 'budget-reallocation', extensions: [budgetReallocation] });
