/**
 * Runs the Y community under administrative-led renewal with and without the
 * street's budget reallocation rule, on the same seeds, and prints what it
 * changes.
 *
 *   npx tsx examples/budget-reallocation/run.ts
 */
import { compareScenarios, parseExtendedScenario, runScenario } from 'govsim';
import model from './model.js';

const replicates = 20;
// A review interval past the horizon: the rule never acts, so this is the built-in model.
const never = parseExtendedScenario(
  {
    name: 'y-no-reallocation',
    mode: 'administrative-led',
    extensions: { 'budget-reallocation': { reviewIntervalWeeks: 52, stalledWeeksLimit: 520 } },
  },
  model.extensions,
);
const withRule = parseExtendedScenario({ name: 'y-reallocation', mode: 'administrative-led' }, model.extensions);
const comparison = compareScenarios(never, withRule, {
  replicates,
  model,
  metrics: [
    { key: 'completion.projectsDone', label: 'projects completed', unit: 'projects' },
    { key: 'idling.idleShare', label: 'idle share', unit: 'share' },
    { key: 'satisfaction.end', label: 'satisfaction at the end', unit: 'share' },
    { key: 'duplication.wasteShare', label: 'waste share', unit: 'share' },
  ],
});
console.log(`administrative-led: with the reallocation rule − without, ${replicates} paired replicates`);
for (const metric of comparison.metrics)
  console.log(
    `  ${metric.label.padEnd(26)} ${metric.difference.mean.toFixed(3)} [${metric.difference.low.toFixed(3)}, ${metric.difference.high.toFixed(3)}]`,
  );
const run = runScenario(withRule, { replicate: 0, model });
console.log(`  reclaimed in replicate 0: ${JSON.stringify(run.summary.extensions?.['budget-reallocation'])}`);
