/** The explorer's state in the address: every part round-trips, and what cannot be read is named. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import {
  decodeState,
  defaultState,
  type ExplorerState,
  encodeState,
  fromBase64Url,
  toBase64Url,
} from '../../explorer/src/url-state.js';
import { modePresets } from '../../src/scenario/index.js';

describe('the explorer’s address', () => {
  it('round-trips a whole state, a dropped-in file included', () => {
    const state: ExplorerState = {
      scenario: 'file',
      file: { name: 'mine.json', raw: { name: 'Y 社区 — mine', mode: 'co-production', weeks: 52 } },
      a: 'scenario',
      b: { participation: true, integration: false, pressure: 'high', renewal: 'paused' },
      overrides: { 'parameters.docking.confirmationChance': 0.72, 'world.communities[].sites': 40 },
      seed: 2018,
      week: 37,
      colouring: 'trust',
      replicates: 50,
      speed: 0,
    };
    const fragment = encodeState(state);
    expect(decodeState(`#${fragment}`, 'z-street/case')).toEqual({ state, problems: [] });
    expect(fragment).toContain('set.world.communities%5B%5D.sites=40');
  });

  it('writes presets by name and falls back to the defaults', () => {
    const state = { ...defaultState('y-community-co-production'), b: { ...modePresets['administrative-led'] } };
    expect(encodeState(state)).toContain('b=administrative-led');
    expect(decodeState('', 'z-street/case')).toEqual({ state: defaultState('z-street/case'), problems: [] });
  });

  it('names what it cannot read and keeps the defaults there', () => {
    const { state, problems } = decodeState(
      '#scenario=file&data=%%%&a=sideways&seed=-3&set.parameters.docking.confirmationChance=abc&week=99999',
      'z-street/case',
    );
    expect(state.scenario).toBe('z-street/case');
    expect(state.a).toBe('scenario');
    expect(state.seed).toBeNull();
    expect(state.week).toBe(0);
    expect(state.overrides).toEqual({});
    expect(problems).toHaveLength(5);
    // A key an object would drop (it names the prototype) is named too.
    const proto = decodeState('#scenario=z-street/case&set.__proto__=5', 'z-street/case');
    expect(proto.problems).toEqual(['__proto__: not a parameter of the scenario']);
    expect(Object.keys(proto.state.overrides)).toEqual([]);
  });

  it('names a week, colouring, replicate count or speed it cannot take, rather than dropping it', () => {
    const { state, problems } = decodeState('#week=6000&colour=red&replicates=1&speed=3', 'z-street/case');
    expect(state).toEqual(defaultState('z-street/case'));
    expect(problems).toEqual([
      'week: "6000" is not a whole number from 0 to 5200',
      'colour: "red" is not one of awareness, satisfaction, engagement, trust',
      'replicates: "1" is not a whole number from 2 to 1000',
      'speed: "3" is not one of 1, 2, 5, 10, 25, 0 weeks a second',
    ]);
    expect(decodeState('#speed=25&replicates=2', 'z-street/case').problems).toEqual([]);
  });

  test.prop([fc.string({ unit: 'binary' })])('base64url round-trips any text', (text) => {
    expect(fromBase64Url(toBase64Url(text))).toBe(text);
    expect(toBase64Url(text)).toMatch(/^[A-Za-z0-9_-]*$/);
  });
});
