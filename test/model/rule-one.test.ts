/**
 * Rule one of the model: a governance mode switches mechanisms on and off and
 * sets the pressure regime; it never carries an outcome rate of its own.
 *
 * The test enumerates every parameter of the schema's `parameters` groups,
 * runs each active mode with the parameters watched, and finds those read
 * under some modes' mechanisms and not others (a read is a look-up by a
 * mechanism that runs under the mode, so a shared rule read at the top of a
 * phase counts under every mode). Each mode is run at the defaults and once
 * with each switch of those groups turned the other way (the experts who
 * facilitate the council), so that a parameter read only when a switch is off
 * is seen too. Each such parameter must be listed below with the reason it is
 * not an outcome rate written in by mode: a probability in `exceptions`, where
 * it describes who is reached, who comes, who accepts — the situation a shared
 * rule then meets — or is named in `successChances` as the chance that a step
 * of a mechanism found only in some modes succeeds, a step with no counterpart
 * in the other modes; any other parameter (hours, weeks, counts, a switch) in
 * `amounts`, with the mechanism it belongs to and what it carries. A new
 * mode-specific parameter, whatever its range, fails the test until it is
 * argued for here, and an exception that no longer applies fails it too. (The
 * switch rule and the world are not watched: the switch rule is read only
 * where a mode changes, and the world is built alike for every mode.)
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
import { applyOverrides, parameterRows, type Scenario } from '../../src/scenario/index.js';
import { markParsed } from '../../src/scenario/parse.js';
import { forgetBuiltWorlds, runScenario } from '../../src/simulation/index.js';

/**
 * Mode-specific probability parameters kept, and why each is a situation (or, for those in `successChances`, a step
 * found only in some modes) rather than an outcome rate.
 */
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
    'the chance that a site walk records a deliberator’s need, or the site’s worst problem, as a suggestion: a chance of success, of a step that exists only under participation and has no counterpart in the other modes (without participation nothing residents need is recorded at all); it bears on need match (fact 7), an assumption (A) drawn by robustness over 0.6–1',
  'parameters.deliberation.mergeRecallWithoutExperts':
    'the chance that the council recognises and merges a duplicate proposal when no expert facilitates: a detection chance, of a step that exists only in the council, under participation, with no counterpart in the other modes; read only where a scenario removes the experts (switch-without-expert, after its switch, later than fact 13’s week 26), so no fact rests on it',
  'parameters.jointMeetings.departmentAttendance':
    'whether a department comes to a joint or on-site meeting, which exist only under integration; what the room then catches or settles follows the one review and confirmation rules',
  'parameters.jointMeetings.leadersAttendChance':
    'whether the street leaders are in the room at a joint meeting, which exists only under integration; what the room then catches follows the one review rule',
  'parameters.residents.onSiteEngagement': 'who takes part in an on-site meeting, which exists only under integration',
  'parameters.departments.catalogueNeedCorrelation':
    'how far a department’s own catalogue follows residents’ needs; departments list catalogues only when no council sets priorities (participation off)',
  'parameters.residents.efficacyGain':
    'how much an answered or ignored suggestion, or giving up waiting for a response (half the gain, as a loss), moves efficacy; households make suggestions only under participation, and only households engaged by participation or an on-site meeting give up waiting, so nothing reads it under administrative-led renewal',
  'parameters.residents.visibleWorksAwareness':
    'how works inform households never told of the renewal; under participation every household is told before works start, so the same rule finds no one to apply to',
};

/**
 * The exceptions that are the chance that a step of a mechanism succeeds rather than who is reached, present or
 * willing: kept because the step exists only in some modes and has no counterpart in the others, so that no mode's
 * rate is set against another's; each is named as such in docs/odd.md.
 */
const successChances = ['parameters.deliberation.walkFidelity', 'parameters.deliberation.mergeRecallWithoutExperts'];

/**
 * Mode-specific parameters that are not probabilities (hours, weeks, counts, a switch), and why each is not an
 * outcome rate: each sets the schedule, size or cost of a mechanism that exists only in some modes, or the pressure
 * regime, which rule one lets a mode set. Such a parameter still moves outcomes; where one carries a fact, the reason
 * says which, and docs/odd.md and docs/case-z-street.md say by how much.
 */
const amounts: Readonly<Record<string, string>> = {
  'parameters.departments.implementationPlanHours':
    'hours of the implementation plan a department writes for a project of its own before it can dock it; read when a project outside a plan is listed (a catalogue project, or a voted item a department takes up alone), since under a plan the plan is the document. A cost in hours, never a chance of success; it bears on phase-1 idling (fact 5, whose alternative sets it to 8) and on how late participation alone starts docking; an assumption (A), drawn by robustness',
  'parameters.departments.projectsPerDepartment':
    'how many projects a department lists in its own catalogue; catalogues are listed only when no council sets priorities (participation off)',
  'parameters.docking.officeLoopWeeksPerRound':
    'weeks per round of the office loop, through which a project outside a plan is confirmed one department at a time; a plan project is taken up at an on-site meeting each week the staff can organise one, with no parameter. It sets how often a department is in the room, not whether it confirms (the one confirmation rule), but a round of 3 weeks against a meeting a week carries most of the settle-time margin of fact 11 and of fact 14’s third check, and much of phase-1 idling (fact 5); inferred (I), so robustness never draws it',
  'parameters.pressure.auditIntervalWeeks': 'the schedule of stage-target audits: the pressure regime, which a mode sets',
  'parameters.pressure.stageTargetWeeks':
    'the deadline stage-target audits hold each project to: the pressure regime, which a mode sets',
  'parameters.pressure.gainPerAudit': 'how far an audit raises pressure: the pressure regime, which a mode sets',
  'parameters.pressure.reportHoursPerAudit': 'report hours an audit asks: the pressure regime, which a mode sets',
  'parameters.jointMeetings.intervalWeeks': 'the schedule of joint meetings, which exist only under integration',
  'parameters.jointMeetings.hoursPerMeeting':
    'hours a joint meeting costs, and (doubled) what a council meeting costs the staff: meetings that exist only under integration or participation',
  'parameters.mobilisation.weeks': 'how long mobilisation runs, which it does only under participation',
  'parameters.mobilisation.doorToDoorStaffHoursPerWeek':
    'staff hours set aside for door-to-door visits, a channel that exists only when residents are mobilised',
  'parameters.mobilisation.doorToDoorHoursPerVisit':
    'hours a door-to-door visit takes, a channel that exists only when residents are mobilised',
  'parameters.deliberation.selectionOffsetWeeks': 'when deliberators are chosen, which happens only under participation',
  'parameters.deliberation.nominated': 'how many deliberators are nominated; the council exists only under participation',
  'parameters.deliberation.selfRecommended':
    'how many deliberators recommend themselves; the council exists only under participation',
  'parameters.deliberation.randomlySelected':
    'how many deliberators are invited at random; the council exists only under participation',
  'parameters.deliberation.siteWalkWeeks': 'how long site walks take; they exist only under participation',
  'parameters.deliberation.volunteers': 'how many volunteers walk the sites; site walks exist only under participation',
  'parameters.deliberation.sitesPerVolunteerWeek':
    'how many sites a volunteer walks a week; site walks exist only under participation',
  'parameters.deliberation.councilMeetings':
    'how many council meetings a planning cycle holds; the council exists only under participation',
  'parameters.deliberation.councilIntervalWeeks': 'the schedule of council meetings; the council exists only under participation',
  'parameters.deliberation.proposalsPerMeeting':
    'how many proposals a council meeting takes up; the council exists only under participation',
  'parameters.deliberation.scoringNoise':
    'how far a deliberator’s scores scatter around what an item means to the community; the council exists only under participation',
  'parameters.deliberation.expertsPresent':
    'whether experts facilitate the council, which exists only under participation (a switch, P: the paper has them)',
  'parameters.deliberation.expertHoursPerMeeting':
    'expert hours a council meeting is reported to take, read only with experts present; the council exists only under participation',
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
      'designs are revised where a project’s residents meet it. Under administrative-led renewal that is only a dispute over works they were never told of; under co-production only an on-site meeting (every household is told before works start, so there is no dispute); under integration only both, an on-site meeting hearing the few households who know of the renewal; participation alone has neither, docking in the office with every household told before works',
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

/**
 * Parameters read under each mode over a run of the Y community (two budget years): at the defaults, and with each
 * switch of the `parameters` groups turned the other way (the experts who facilitate the council), so that a parameter
 * read only when a switch is off is seen as well.
 */
function readsByMode(): Map<string, Set<string>> {
  const switches = parameterRows().filter((row) => row.path.startsWith('parameters.') && typeof row.defaultValue === 'boolean');
  const variants = [{}, ...switches.map((row) => ({ [row.path]: !row.defaultValue }))];
  const byMode = new Map<string, Set<string>>();
  for (const mode of activeModes) {
    const reads = new Set<string>();
    for (const overrides of variants) {
      // Each mode builds its world itself, so that building's reads count under every mode.
      forgetBuiltWorlds();
      runScenario(watched(applyOverrides({ name: mode, mode }, overrides), reads), { seed: 11 });
    }
    byMode.set(mode, reads);
  }
  return byMode;
}

describe('rule one: no outcome is written in by mode', () => {
  const parameters = parameterRows()
    .filter((row) => row.path.startsWith('parameters.'))
    .map((row) => row.path);
  const probabilities = parameterRows()
    .filter((row) => row.path.startsWith('parameters.') && row.valid === '0–1')
    .map((row) => row.path);
  const byMode = readsByMode();
  const modesReading = (path: string) => activeModes.filter((mode) => byMode.get(mode)?.has(path));
  const readUnderSomeModes = (paths: readonly string[]) =>
    paths.filter((path) => {
      const readers = modesReading(path);
      return readers.length > 0 && readers.length < activeModes.length;
    });

  it('watches the parameters as the model reads them', () => {
    expect(probabilities.length).toBeGreaterThan(20);
    expect(parameters.length).toBeGreaterThan(probabilities.length + 20);
    // Shared rules are read under every mode: the one review rule and the one confirmation rule among them.
    expect(modesReading('parameters.detection.reviewRecall')).toEqual([...activeModes]);
    expect(modesReading('parameters.docking.confirmationChance')).toEqual([...activeModes]);
    // Read only with the experts away, which the run with the switch turned off sees.
    expect(modesReading('parameters.deliberation.mergeRecallWithoutExperts')).toEqual(['co-production', 'participation-only']);
    // Whole-number parameters are watched too: the office loop is a mechanism of projects outside a plan.
    expect(modesReading('parameters.docking.officeLoopWeeksPerRound')).toEqual(['administrative-led', 'participation-only']);
  });

  it('reads every parameter under some active mode, so that none escapes the checks below', () => {
    const unread = parameters.filter((path) => modesReading(path).length === 0);
    expect(unread, `parameters read under no active mode: ${unread.join(', ')}`).toEqual([]);
  });

  it('has no withdrawn per-mode outcome rate in the schema', () => {
    const paths = new Set(parameterRows().map((row) => row.path));
    for (const path of withdrawn) expect(paths.has(path), path).toBe(false);
  });

  it('reads every probability parameter under every active mode, or argues for the exception', () => {
    const specific = readUnderSomeModes(probabilities);
    const unargued = specific.filter((path) => exceptions[path] === undefined);
    expect(unargued, `mode-specific probability parameters without a stated reason: ${unargued.join(', ')}`).toEqual([]);
    const stale = Object.keys(exceptions).filter((path) => !specific.includes(path));
    expect(stale, `exceptions that are no longer mode-specific: ${stale.join(', ')}`).toEqual([]);
  });

  it('reads every other parameter, whatever its range, under every active mode, or argues for it', () => {
    const others = parameters.filter((path) => !probabilities.includes(path));
    const specific = readUnderSomeModes(others);
    const unargued = specific.filter((path) => amounts[path] === undefined);
    expect(unargued, `mode-specific parameters without a stated reason: ${unargued.join(', ')}`).toEqual([]);
    const stale = Object.keys(amounts).filter((path) => !specific.includes(path));
    expect(stale, `amounts that are no longer mode-specific: ${stale.join(', ')}`).toEqual([]);
  });

  it('keeps mode-specific probabilities to who is reached, present or willing, but for the success chances named', () => {
    for (const path of successChances) {
      expect(exceptions[path], `${path} is a success chance without a stated reason`).toBeDefined();
      expect(exceptions[path], path).toMatch(/chance of success|detection chance/);
      expect(exceptions[path], path).toMatch(/no counterpart in the other modes/);
    }
    for (const [path, reason] of Object.entries(exceptions))
      if (!successChances.includes(path)) expect(reason, path).toMatch(/reach|who |how |whether/);
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
