/**
 * Rule one of the model: a governance mode switches mechanisms on and off and
 * sets the pressure regime; it never carries an outcome rate of its own.
 *
 * The test enumerates every probability parameter of the schema, runs each
 * active mode with the parameters watched, and finds those read under some
 * modes' mechanisms and not others (a read is a look-up by a mechanism that
 * runs under the mode, so a shared rule read at the top of a phase counts
 * under every mode). Each such parameter must be listed below
 * with the reason it is not an outcome rate written in by mode: it describes
 * who is reached, who comes, who accepts — the situation a shared rule then
 * meets — never the chance that a mode's detection, settling or coverage
 * succeeds. A new mode-specific probability fails the test until it is
 * argued for here, and an exception that no longer applies fails it too.
 *
 * A read is not yet an effect: a parameter read under every mode may still
 * change nothing under some, because the situation it acts on never arises
 * there. So the test also moves each probability parameter to the far end of
 * its plausible range and compares each mode's weekly records and summary
 * with those at the default, over three seeds. A parameter that changes some
 * modes' outputs and not others must be an exception above, or be listed in
 * `situational` with the modes it changes and the situation missing from the
 * others: the same rule finding nothing to act on, never a rate set by mode.
 */
import { describe, expect, it } from 'vitest';
import { applyOverrides, parameterRows, parseScenario, type Scenario } from '../../src/scenario/index.js';
import { markParsed } from '../../src/scenario/parse.js';
import { forgetBuiltWorlds, runScenario } from '../../src/simulation/index.js';

/** Mode-specific probability parameters kept, and why each is a situation rather than an outcome rate. */
const exceptions: Readonly<Record<string, string>> = {
  'parameters.mobilisation.openLetterReach': 'reach of a channel that exists only when residents are mobilised',
  'parameters.mobilisation.buildingLeaderReach': 'reach of a channel that exists only when residents are mobilised',
  'parameters.mobilisation.partyBranchReach': 'reach of a channel that exists only when residents are mobilised',
  'parameters.mobilisation.weChatAccountReach': 'reach of a channel that exists only when residents are mobilised',
  'parameters.mobilisation.weChatGroupReach': 'reach of a channel that exists only when residents are mobilised',
  'parameters.mobilisation.suggestionChance':
    'how readily an aware household speaks up (scaled by its trust, efficacy and need); there is a channel for it only under participation',
  'parameters.mobilisation.offlineVoiceShare':
    'who has a channel to voice a suggestion (off WeChat and never visited); suggestions are collected only under participation',
  'parameters.deliberation.randomAcceptance': 'who accepts an invitation to the council, which exists only under participation',
  'parameters.deliberation.attendance': 'who comes to council meetings, which exist only under participation',
  'parameters.deliberation.walkFidelity':
    'how well a site walk records what deliberators need; site walks exist only under participation',
  'parameters.jointMeetings.departmentAttendance':
    'whether a department comes to a joint or on-site meeting, which exist only under integration; what the room then catches or settles follows the one review and confirmation rules',
  'parameters.jointMeetings.leadersAttendChance':
    'whether the street leaders are in the room at a joint meeting, which exists only under integration; what the room then catches follows the one review rule',
  'parameters.residents.onSiteEngagement': 'who takes part in an on-site meeting, which exists only under integration',
  'parameters.departments.catalogueNeedCorrelation':
    'how far a department’s own catalogue follows residents’ needs; departments list catalogues only when no council sets priorities (participation off)',
  'parameters.residents.efficacyGain':
    'how much an answered (or ignored) suggestion moves efficacy; households make suggestions only under participation',
  'parameters.residents.visibleWorksAwareness':
    'how works inform households never told of the renewal; under participation every household is told before works start, so the same rule finds no one to apply to',
};

/**
 * Parameters read under every mode that change the outputs of some modes only (at seeds 11–13, moved to the far end
 * of their plausible range): the modes they change, and the situation missing from the others.
 */
const situational: Readonly<Record<string, { modes: readonly (typeof activeModes)[number][]; situation: string }>> = {
  'parameters.staff.backlogCarryShare': {
    modes: ['administrative-led'],
    situation: 'it carries hours left undone, and only stage-target pressure leaves the staff more work than they have hours for',
  },
  'parameters.staff.fatigueMemory': {
    modes: ['administrative-led'],
    situation: 'fatigue builds only from load above 1, which only stage-target pressure brings the staff',
  },
  'parameters.pressure.decayPerWeek': {
    modes: ['administrative-led'],
    situation: 'there is pressure to decay only under the stage-target regime, the one thing a mode sets besides its mechanisms',
  },
  'parameters.pressure.pushdownShare': {
    modes: ['administrative-led'],
    situation: 'work is pushed down in proportion to pressure, which only the stage-target regime raises',
  },
  'parameters.detection.conflictReworkShare': {
    modes: ['administrative-led', 'participation-only'],
    situation:
      'it prices a conflict built before it is caught; under an integrated plan the one review rule catches the plan’s clashes before money is spent',
  },
  'parameters.residents.trustLoss': {
    modes: ['administrative-led', 'participation-only', 'integration-only'],
    situation:
      'it sizes negative trust events: disputes over works residents were never told of, and visible waste; under co-production every household is told before works start and the plan’s review catches clashes first, and disengaging costs trust only with disengagementTrustLoss above its default 0',
  },
  'parameters.residents.objectionChance': {
    modes: ['administrative-led', 'integration-only'],
    situation:
      'only households never told of the renewal object to works; under participation every household is told before works start',
  },
  'parameters.residents.disengagementChance': {
    modes: ['co-production', 'participation-only', 'integration-only'],
    situation: 'only engaged households disengage, and without participation or on-site meetings nobody engages',
  },
  'parameters.residents.disengagementTrustLoss': {
    modes: ['co-production', 'participation-only', 'integration-only'],
    situation: 'only engaged households disengage, and without participation or on-site meetings nobody engages',
  },
  'parameters.residents.designRevision': {
    modes: ['administrative-led', 'co-production', 'integration-only'],
    situation:
      'designs are revised where a project’s residents meet it: at an on-site meeting (integration) or in a dispute over works they were never told of (no participation); participation alone has neither',
  },
};

/** The outcome rates per mode that model v2 removed; none may come back. */
const withdrawn = [
  'parameters.detection.fragmentedBeforeSpendChance',
  'parameters.detection.integratedBeforeSpendChance',
  'parameters.docking.onSiteResolveChance',
  'parameters.docking.officeLoopResolveChance',
];

const activeModes = ['administrative-led', 'co-production', 'participation-only', 'integration-only'] as const;

/** A copy of the scenario whose `parameters` record every leaf read, by dotted path. */
function watched(scenario: Scenario, reads: Set<string>): Scenario {
  const copy = structuredClone(scenario) as Scenario;
  const watch = (target: object, path: string): object =>
    new Proxy(target, {
      get(object, key, receiver) {
        const value = Reflect.get(object, key, receiver);
        if (typeof key !== 'string') return value;
        const at = `${path}.${key}`;
        if (value !== null && typeof value === 'object') return watch(value, at);
        reads.add(at);
        return value;
      },
    });
  // Recorded as parsed (it is a parsed scenario's copy), so that runScenario takes it as it is rather than parsing it
  // into a new object without the proxy.
  return markParsed(Object.freeze({ ...copy, parameters: watch(copy.parameters, 'parameters') as Scenario['parameters'] }));
}

/** Parameters read under each mode over a run of the Y community (two budget years). */
function readsByMode(): Map<string, Set<string>> {
  const byMode = new Map<string, Set<string>>();
  for (const mode of activeModes) {
    const reads = new Set<string>();
    // Each mode builds its world itself, so that building's reads count under every mode.
    forgetBuiltWorlds();
    runScenario(watched(parseScenario({ name: mode, mode }), reads), { seed: 11 });
    byMode.set(mode, reads);
  }
  return byMode;
}

describe('rule one: no outcome is written in by mode', () => {
  const probabilities = parameterRows()
    .filter((row) => row.path.startsWith('parameters.') && row.valid === '0–1')
    .map((row) => row.path);
  const byMode = readsByMode();
  const modesReading = (path: string) => activeModes.filter((mode) => byMode.get(mode)?.has(path));

  it('watches the probability parameters as the model reads them', () => {
    expect(probabilities.length).toBeGreaterThan(20);
    // Shared rules are read under every mode: the one review rule and the one confirmation rule among them.
    expect(modesReading('parameters.detection.reviewRecall')).toEqual([...activeModes]);
    expect(modesReading('parameters.docking.confirmationChance')).toEqual([...activeModes]);
  });

  it('has no withdrawn per-mode outcome rate in the schema', () => {
    const paths = new Set(parameterRows().map((row) => row.path));
    for (const path of withdrawn) expect(paths.has(path), path).toBe(false);
  });

  it('reads every probability parameter under every active mode, or argues for the exception', () => {
    const modeSpecific = probabilities.filter((path) => {
      const readers = modesReading(path);
      return readers.length > 0 && readers.length < activeModes.length;
    });
    const unargued = modeSpecific.filter((path) => exceptions[path] === undefined);
    expect(unargued, `mode-specific probability parameters without a stated reason: ${unargued.join(', ')}`).toEqual([]);
    const stale = Object.keys(exceptions).filter((path) => !modeSpecific.includes(path));
    expect(stale, `exceptions that are no longer mode-specific: ${stale.join(', ')}`).toEqual([]);
  });

  it('keeps mode-specific parameters to who is reached, present or willing, never a chance of success', () => {
    for (const reason of Object.values(exceptions)) expect(reason).toMatch(/reach|who |how |whether/);
  });

  it('finds every parameter that changes some modes’ outputs and not others argued for, as an exception or a situation', () => {
    const seeds = [11, 12, 13];
    const outputs = (mode: string, overrides: Record<string, number>) =>
      seeds
        .map((seed) => {
          const result = runScenario(applyOverrides({ name: mode, mode }, overrides), { seed });
          return JSON.stringify([result.weeks, result.summary]);
        })
        .join('\n');
    const atDefaults = new Map(activeModes.map((mode) => [mode, outputs(mode, {})]));
    const effects = new Map<string, string[]>();
    for (const row of parameterRows().filter((row) => row.path.startsWith('parameters.') && row.valid === '0–1')) {
      const [low, high] = row.plausibleRange as [number, number];
      const value = row.defaultValue as number;
      const far = high - value >= value - low ? high : low;
      effects.set(
        row.path,
        activeModes.filter((mode) => outputs(mode, { [row.path]: far }) !== atDefaults.get(mode)),
      );
    }
    const modeSpecific = [...effects].filter(([, modes]) => modes.length > 0 && modes.length < activeModes.length);
    const unargued = modeSpecific
      .filter(([path]) => exceptions[path] === undefined && situational[path] === undefined)
      .map(([path, modes]) => `${path} (changes ${modes.join(', ')})`);
    expect(unargued, `parameters whose effect is mode-specific without a stated reason: ${unargued.join('; ')}`).toEqual([]);
    for (const [path, { modes }] of Object.entries(situational)) {
      expect(exceptions[path], `${path} is an exception already`).toBeUndefined();
      expect(effects.get(path), path).toEqual(modes);
    }
  });
});
