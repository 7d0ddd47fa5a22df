/** What a chart's paragraph says of the model: the values the case's own scenario sets, not the shipped defaults. */
import { describe, expect, it } from 'vitest';
import { chartDefinitions, chartSpec } from '../../src/report/index.js';
import { parseScenario } from '../../src/scenario/index.js';

const about = (name: string, parameters: Record<string, unknown> = {}) => {
  const chart = chartDefinitions.find((definition) => definition.name === name);
  if (chart === undefined) throw new Error(`no chart ${name}`);
  return chart.about(parseScenario({ name: 'x', mode: 'co-production', parameters }));
};

describe('chartDefinitions', () => {
  it("give each chart's paragraph the case's own parameter values", () => {
    expect(about('staff-load')).toContain('routine work alone fills 0.8 of it');
    expect(about('staff-load', { staff: { routineLoad: 0.9 } })).toContain('routine work alone fills 0.9 of it');
    expect(about('trust')).toContain('starting at 0.4 (an assumption)');
    expect(about('trust')).toContain('losses weigh three times gains');
    expect(about('trust')).toContain('0.09 a loss against 0.03 a gain');
    const own = about('trust', { residents: { initialTrust: 0.5, trustLoss: 0.06, trustGain: 0.03 } });
    expect(own).toContain('starting at 0.5 (an assumption)');
    expect(own).toContain('losses weigh twice gains');
    expect(own).toContain('0.06 a loss against 0.03 a gain');
    expect(about('trust', { residents: { trustLoss: 0.05, trustGain: 0.02 } })).toContain('losses weigh 2.5 times gains');
    expect(about('trust', { residents: { trustLoss: 0, trustGain: 0 } })).toContain('losses weigh nothing, as gains do');
  });

  it('title the week axis with what week 1 is only where the case says it', () => {
    const [definition] = chartDefinitions;
    if (definition === undefined) throw new Error('no chart');
    expect(JSON.stringify(chartSpec(definition, [], [], 10))).toContain('"title":"Week"');
    expect(JSON.stringify(chartSpec(definition, [], [], 10, 'the first week of 2018'))).toContain(
      '"title":"Week (1 = the first week of 2018)"',
    );
  });
});
