/**
 * Runs the Y community under both modes, with and without the WeChat-group
 * rumour extension, on the same seeds, and prints what it changes.
 *
 *   npx tsx examples/wechat-rumour/run.ts
 */
import { compareScenarios, parseExtendedScenario, runScenario } from 'govsim';
import model from './model.js';

const replicates = 20;
for (const mode of ['administrative-led', 'co-production'] as const) {
  // The groups silent (both chances 0): the extension changes nothing, so this is the built-in model.
  const silent = parseExtendedScenario(
    { name: `y-${mode}`, mode, extensions: { 'wechat-rumour': { spreadChance: 0, rumourTrustLoss: 0 } } },
    model.extensions,
  );
  const extended = parseExtendedScenario({ name: `y-${mode}-rumour`, mode }, model.extensions);
  const comparison = compareScenarios(silent, extended, {
    replicates,
    model,
    metrics: [
      { key: 'participation.awareShare', label: 'households aware at the end', unit: 'share' },
      { key: 'trust.end', label: 'trust at the end', unit: 'score (0 to 1)' },
    ],
  });
  console.log(`${mode}: with the WeChat groups − without, ${replicates} paired replicates`);
  for (const metric of comparison.metrics)
    console.log(
      `  ${metric.label.padEnd(30)} ${metric.difference.mean.toFixed(3)} [${metric.difference.low.toFixed(3)}, ${metric.difference.high.toFixed(3)}]`,
    );
  const run = runScenario(extended, { replicate: 0, model });
  console.log(`  rumour weeks in replicate 0: ${run.summary.extensions?.['wechat-rumour']?.rumourWeeks}`);
}
