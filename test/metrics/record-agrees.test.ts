/**
 * The weekly record computes its fragmentation values in one pass over the projects, adding each term in project
 * order as the definitions do; every week of runs of both modes they are the definitions' values, exactly.
 */
import { describe, expect, it } from 'vitest';
import { fragmentationIndex, interfacesPerProject, unintegratedShare } from '../../src/metrics/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import { runScenario } from '../../src/simulation/index.js';

describe('the weekly fragmentation values', () => {
  it.each(['administrative-led', 'co-production', 'integration-only'] as const)(
    'are the definitions applied to the projects approved that week (%s)',
    (mode) => {
      let weeksWithProjects = 0;
      runScenario(parseScenario({ name: 'y', mode }), {
        seed: 4,
        observe: (state, record) => {
          // Approved: past listed, or in a plan, and not cancelled (docs/metrics.md, A_t).
          const approved = state.projects.filter(
            (project) => (project.status !== 'listed' || project.integrated) && project.status !== 'cancelled',
          );
          if (approved.length > 0) weeksWithProjects++;
          expect(record.interfacesPerProject).toBe(interfacesPerProject(approved));
          expect(record.unintegratedShare).toBe(unintegratedShare(approved));
          expect(record.fragmentationIndex).toBe(fragmentationIndex(approved));
        },
      });
      expect(weeksWithProjects).toBeGreaterThan(50);
    },
  );
});
