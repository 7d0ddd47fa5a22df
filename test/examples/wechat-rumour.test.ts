import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import model, { weChatRumour } from '../../examples/wechat-rumour/model.js';
import { assumptionFactors } from '../../src/experiments/index.js';
import { parameterRows, parameterTableMarkdown, parseExtendedScenario, parseScenario } from '../../src/scenario/index.js';
import { runScenario, weeksToCsv } from '../../src/simulation/index.js';

const base = { name: 'y', mode: 'administrative-led', weeks: 60 };

describe('the WeChat-group rumour example', () => {
  it('silent (both chances 0) gives the built-in model’s outputs byte for byte', () => {
    const silent = parseExtendedScenario(
      { ...base, extensions: { 'wechat-rumour': { spreadChance: 0, rumourTrustLoss: 0 } } },
      model.extensions,
    );
    const extended = runScenario(silent, { seed: 5, model });
    const builtIn = runScenario(parseScenario(base), { seed: 5 });
    const columns = weeksToCsv(builtIn.weeks).split('\n')[0]?.split(',').length ?? 0;
    const builtInPart = weeksToCsv(extended.weeks)
      .split('\n')
      .map((line) => line.split(',').slice(0, columns).join(','))
      .join('\n');
    expect(builtInPart).toBe(weeksToCsv(builtIn.weeks));
    expect(extended.summary.extensions?.['wechat-rumour']?.rumourWeeks).toBe(0);
  });

  it('spreads awareness through the groups and costs trust while works idle', () => {
    const scenario = parseExtendedScenario(base, model.extensions);
    const extended = runScenario(scenario, { seed: 5, model });
    const builtIn = runScenario(parseScenario(base), { seed: 5 });
    expect(extended.summary.participation.awareShare).toBeGreaterThan(builtIn.summary.participation.awareShare + 0.05);
    expect(extended.weeks.at(-1)?.extensions?.['wechat-rumour.toldByGroupShare']).toBeGreaterThan(0.05);
    expect(extended.summary.extensions?.['wechat-rumour']?.rumourWeeks).toBeGreaterThan(0);
    expect(extended.summary.trust.end).toBeLessThan(builtIn.summary.trust.end);
    expect(weChatRumour.parameters?.parse({})).toEqual({ spreadChance: 0.01, rumourTrustLoss: 0.01 });
  });

  it('puts its parameters in the parameter table and the assumption screening, like the built-in ones', () => {
    const rows = parameterRows(model.extensions).filter((row) => row.path.startsWith('extensions.'));
    expect(rows.map((row) => [row.path, row.basis, row.range, row.valid])).toEqual([
      ['extensions.wechat-rumour.spreadChance', 'A', '0–0.03', '0–1'],
      ['extensions.wechat-rumour.rumourTrustLoss', 'A', '0–0.03', '0–1'],
    ]);
    expect(parameterTableMarkdown(model.extensions)).toContain('| `extensions.wechat-rumour.spreadChance` | 0.01 | 0–0.03 |');
    const factors = assumptionFactors(model.extensions).map((factor) => factor.path);
    expect(factors.slice(-2)).toEqual(['extensions.wechat-rumour.spreadChance', 'extensions.wechat-rumour.rumourTrustLoss']);
  });

  it('runs as a script', () => {
    const output = execFileSync(process.execPath, ['--import', 'tsx', 'examples/wechat-rumour/run.ts'], { encoding: 'utf8' });
    expect(output).toContain('administrative-led: with the WeChat groups − without, 20 paired replicates');
    expect(output).toMatch(/households aware at the end\s+0\.\d+/);
  });
});
