/** Rollout stages and the comparison of two rollouts on common seeds. */
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/core/index.js';
import type { RolloutWeek } from '../../src/metrics/index.js';
import { parseScenario } from '../../src/scenario/index.js';
import {
  communitiesToCsv,
  compareRollouts,
  rolloutStages,
  rolloutStagesToCsv,
  rolloutTable,
  runWithCommunities,
} from '../../src/simulation/index.js';

function week(number: number, communitiesJoined: number, departmentLoad: number): RolloutWeek {
  return {
    week: number,
    communitiesJoined,
    householdsJoined: 100 * communitiesJoined,
    departmentLoad,
    departmentPressure: 0,
    departmentPaperworkHours: 0,
    openDockingThreads: 0,
    openDockingThreadsPerCommunity: 0,
    interfacesPerProject: Number.NaN,
    fragmentationIndex: number === 1 ? Number.NaN : 0.5,
    dockingChannels: communitiesJoined,
    staffLoadJoined: 1,
    projectsInPipeline: 0,
  };
}

describe('rollout stages', () => {
  it('group consecutive weeks by the communities joined, each measure averaged where defined', () => {
    const stages = rolloutStages([week(1, 1, 1), week(2, 1, 2), week(3, 3, 4), week(4, 3, 6), week(5, 3, 8)]);
    expect(stages.map((stage) => [stage.firstWeek, stage.lastWeek, stage.communitiesJoined, stage.householdsJoined])).toEqual([
      [1, 2, 1, 100],
      [3, 5, 3, 300],
    ]);
    expect(stages.map((stage) => stage.means.departmentLoad)).toEqual([1.5, 6]);
    expect(stages[0]?.means.fragmentationIndex).toBe(0.5);
    expect(stages[0]?.means.interfacesPerProject).toBeNaN();
  });
});

describe('compareRollouts', () => {
  const communities = [
    { name: 'pilot', households: 400, residents: 1200 },
    { name: 'B1', households: 300, residents: 900, joinsWeek: 14 },
    { name: 'B2', households: 300, residents: 900, joinsWeek: 14 },
  ];
  const a = parseScenario({ name: 'a', mode: 'administrative-led', weeks: 30, world: { communities } });
  const b = parseScenario({ name: 'b', mode: 'co-production', weeks: 30, world: { communities } });

  it('parses scenarios as written first: the seeds and results of the parsed scenarios', () => {
    const written = { name: 'a', mode: 'administrative-led', weeks: 20, world: { communities } };
    const other = { name: 'b', mode: 'co-production', weeks: 20, world: { communities } };
    const rollout = compareRollouts(written as never, other as never, { replicates: 1 });
    const parsed = compareRollouts(parseScenario(written), parseScenario(other), { replicates: 1 });
    expect(rollout.comparison.seeds).toEqual(parsed.comparison.seeds);
    expect(JSON.stringify(rollout)).toBe(JSON.stringify(parsed));
    expect(() => compareRollouts(null as never, b, { replicates: 1 })).toThrow(
      'a: invalid scenario\n  - (top level): expected an object, got null',
    );
  });

  it('gives the stages of the rollout with each measure under a and b, and the per-community means', () => {
    const rollout = compareRollouts(a, b, { replicates: 2 });
    expect(rollout.comparison.replicates).toBe(2);
    expect(rollout.stages.map((stage) => [stage.firstWeek, stage.lastWeek, stage.communitiesJoined])).toEqual([
      [1, 13, 1],
      [14, 30, 3],
    ]);
    // Each stage's mean is the mean over replicates of the replicates' own stage means.
    const runs = [0, 1].map((replicate) =>
      rolloutStages(runWithCommunities(a, { seed: rollout.comparison.seeds[replicate] as number }).rollout),
    );
    expect(rollout.stages[1]?.a.departmentLoad).toBeCloseTo(
      ((runs[0]?.[1]?.means.departmentLoad as number) + (runs[1]?.[1]?.means.departmentLoad as number)) / 2,
      12,
    );
    expect(rollout.communities.a.map((community) => community.name)).toEqual(['pilot', 'B1', 'B2']);
    expect(rollout.communities.b[1]?.weeksJoined).toBe(17);
    const text = rolloutTable(rollout);
    expect(text).toContain('department load');
    expect(text).toContain('14–30');
    const stageRows = parseCsv(rolloutStagesToCsv(rollout.stages));
    expect(stageRows[0]?.slice(0, 6)).toEqual([
      'firstWeek',
      'lastWeek',
      'communitiesJoined',
      'householdsJoined',
      'departmentLoad.a',
      'departmentLoad.b',
    ]);
    expect(stageRows).toHaveLength(3);
    const communityRows = parseCsv(communitiesToCsv(rollout.communities.a, { columns: ['scenario'], values: () => ['a'] }));
    expect(communityRows[0]?.slice(0, 3)).toEqual(['scenario', 'community', 'name']);
    expect(communityRows[3]?.[2]).toBe('B2');
  });

  it("gives b's means over the weeks of a's stages when b's communities join at other weeks", () => {
    // b's batch joins at week 8, a's at 14: b's stages (1–7, 8–30) straddle a's (1–13, 14–30).
    const later = parseScenario({
      name: 'b-early',
      mode: 'co-production',
      weeks: 30,
      world: {
        communities: communities.map((community) => ('joinsWeek' in community ? { ...community, joinsWeek: 8 } : community)),
      },
    });
    const rollout = compareRollouts(a, later, { replicates: 2 });
    expect(rollout.stages.map((stage) => [stage.firstWeek, stage.lastWeek])).toEqual([
      [1, 13],
      [14, 30],
    ]);
    const weeksOf = (replicate: number) =>
      runWithCommunities(later, { seed: rollout.comparison.seeds[replicate] as number }).rollout;
    const runs = [weeksOf(0), weeksOf(1)];
    const meanOver = (weeks: readonly RolloutWeek[], first: number, last: number) => {
      const values = weeks.filter((week) => week.week >= first && week.week <= last).map((week) => week.dockingChannels);
      return values.reduce((total, value) => total + value, 0) / values.length;
    };
    const stages: ReadonlyArray<readonly [number, number]> = [
      [1, 13],
      [14, 30],
    ];
    for (const [index, [first, last]] of stages.entries()) {
      const expected = (meanOver(runs[0] ?? [], first, last) + meanOver(runs[1] ?? [], first, last)) / 2;
      expect(rollout.stages[index]?.b.dockingChannels).toBeCloseTo(expected, 12);
    }
  });
});

describe('the rollout runs’ options', () => {
  const street = parseScenario({
    name: 's',
    mode: 'co-production',
    weeks: 2,
    world: {
      communities: [
        { name: 'A', households: 60 },
        { name: 'B', households: 60, joinsWeek: 2 },
      ],
    },
  });
  const refusal = (call: () => unknown): string => {
    try {
      call();
    } catch (error) {
      expect(error).toHaveProperty('problems');
      return (error as Error).message;
    }
    throw new Error('expected a refusal');
  };

  it('are checked as runScenario and compareScenarios check theirs, before any week runs', () => {
    expect(refusal(() => runWithCommunities(street, null as never))).toContain('run options');
    expect(refusal(() => runWithCommunities(street, { observe: 5 as never }))).toContain('observe');
    expect(refusal(() => compareRollouts(street, street, null as never))).toContain('compare options');
    expect(refusal(() => compareRollouts(street, street, { replicates: 1, observer: 5 as never }))).toContain('observer');
    expect(refusal(() => compareRollouts(street, street, { replicates: 1, observer: () => 5 as never }))).toContain(
      'observer: expected it to return a function of (state, record) or nothing, got 5',
    );
  });
});
