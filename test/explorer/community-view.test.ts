/** The community picture reads the model's state: every household once, by building; threads as the metric counts them. */
import { describe, expect, it } from 'vitest';
import { communityFrame, communityLayout, SiteStatus } from '../../explorer/src/community-view.js';
import { createModel } from '../../src/simulation/index.js';
import { tinyScenario } from '../helpers.js';

describe('the community picture', () => {
  it('places every household once, grouped by community and building', () => {
    const model = createModel(tinyScenario('co-production'), { seed: 3 });
    const layout = communityLayout(model.state);
    expect([...layout.householdOrder].sort((left, right) => left - right)).toEqual(
      Array.from({ length: 200 }, (_, index) => index),
    );
    expect(layout.buildingStart.at(-1)).toBe(200);
    for (let building = 0; building < layout.buildingStart.length - 1; building++) {
      const members = layout.householdOrder.slice(layout.buildingStart[building], layout.buildingStart[building + 1]);
      expect(new Set([...members].map((household) => model.state.households.building[household])).size).toBe(1);
    }
    expect(layout.communities).toEqual([{ name: 'T', households: 200, buildings: 8, sites: 12, staffMembers: 3 }]);
    expect(layout.departments).toBe(4);
  });

  it('counts docking threads as the open-threads metric does, week after week, in both modes', () => {
    for (const mode of ['administrative-led', 'co-production'] as const) {
      const model = createModel(tinyScenario(mode), { seed: 11 });
      let seenThreads = 0;
      for (let week = 0; week < 60; week++) {
        const record = model.step();
        const frame = communityFrame(model.state, record);
        const separate = frame.separateThreads.reduce((total, threads) => total + threads, 0);
        const interfaces = frame.planInterfaces.reduce((total, count) => total + count, 0);
        expect(separate + interfaces).toBe(record.openDockingThreads);
        seenThreads += separate + interfaces;
        expect(frame.meetings.joint).toBe(record.jointMeeting === 1);
        expect(frame.aware.reduce((total, flag) => total + flag, 0) / 200).toBe(record.awareShare);
        if (!model.state.mode.integration) expect(interfaces).toBe(0);
      }
      expect(seenThreads).toBeGreaterThan(0);
      const done = model.state.projects.filter((project) => project.status === 'done').map((project) => project.site);
      const frame = communityFrame(model.state, model.records.at(-1));
      for (const site of done) expect(frame.siteStatus[site]).toBeGreaterThanOrEqual(SiteStatus.done);
    }
  });
});
