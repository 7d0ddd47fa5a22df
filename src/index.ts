/**
 * govsim: agent-based simulation of governance modes in urban community
 * micro-renewal. The package root runs anywhere (browser included) and pulls
 * in no chart code; reports and charts (Vega, Vega-Lite) live in
 * `govsim/report`, file reading and writing in `govsim/node`.
 *
 * Layers, each importing only those above it in this list:
 * - core        randomness, hashing, statistics
 * - scenario    the scenario schema, mode presets, validation
 * - generators  synthetic streets and cities from parameters alone, seeded; the city file format
 * - model       the state of a street and the mechanisms that change it
 * - metrics     one definition per metric; weekly records and run summaries
 * - simulation  running, seeding, paired comparison, text output
 * - experiments experiment files, designs, sweep plans, analysis
 * - validation  stylized facts as data, checked on paired replicates
 * - report      reproducing a case as charts, tables and documents (`govsim/report`)
 */
export * from './core/index.js';
export * from './experiments/index.js';
export * from './generators/index.js';
export * from './metrics/index.js';
export * from './model/index.js';
export * from './scenario/index.js';
export * from './simulation/index.js';
export * from './validation/index.js';
