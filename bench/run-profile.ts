/**
 * Where one 104-week run of the Y community spends its time: repeated runs
 * under V8's sampling profiler, each sample given to the outermost part of
 * the run it falls in — building the world (`modelOfSteps`, through which
 * `runScenario` makes the model: the world drawn or copied, the starting means),
 * each weekly phase (the functions of `weeklyPhases`, in their order), the weekly record
 * (`recordWeek`) and the summary (`summariseRun`) — then some of their
 * pieces timed whole, and the functions that spend the most time themselves. Times are per run, from the samples
 * (sampling slows a run a little: the median run time is printed without the
 * profiler too).
 *
 *   npx tsx bench/run-profile.ts [mode] [runs] [--build DIR]
 *
 * mode defaults to co-production, runs to 300; with `--build DIR` it profiles
 * the compiled build in DIR/dist (`npm run build` first) rather than the sources.
 */
import { Session } from 'node:inspector/promises';
import { helpOnRequest, refuse, wholeNumberArgument } from './arguments.js';
import { codeLine, loadCode, takeOption } from './code.js';
import { machineLine, median, time } from './median.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const usage = 'usage: npx tsx bench/run-profile.ts [mode] [runs] [--build DIR]';
helpOnRequest(usage);
const { value: buildFolder, rest: positional } = takeOption(process.argv.slice(2), '--build');
if (positional.length > 2) refuse(`unknown arguments: ${positional.slice(2).join(' ')}`, usage);
const mode = positional[0] ?? 'co-production';
const runs = wholeNumberArgument(positional[1], 'runs', 300, usage);

const code = await loadCode(buildFolder);
const { parseScenario } = code.scenario;
const { runScenario, forgetBuiltWorlds } = code.simulation;
const { weeklyPhases } = code.model;

let scenario: ReturnType<typeof parseScenario>;
try {
  scenario = parseScenario({ name: mode, mode });
} catch (error) {
  console.error(`mode: ${(error as Error).message}`);
  process.exit(2);
}
/** One run building its own world (the kept worlds forgotten first), on its own replicate. */
const run = (replicate: number) => {
  forgetBuiltWorlds();
  runScenario(scenario, { replicate });
};

const parts: Array<{ label: string; functionName: string }> = [
  // runScenario makes its model with the generator modelOfSteps (src/simulation/model.ts), not createModel, which
  // checks options first, nor modelOf, which finishes the same steps at once.
  { label: 'building the world', functionName: 'modelOfSteps' },
  ...weeklyPhases.map((phase) => ({
    label: phase.name,
    functionName: phase.run.name,
  })),
  { label: 'weekly record', functionName: 'recordWeek' },
  { label: 'summary', functionName: 'summariseRun' },
  { label: 'garbage collection', functionName: '(garbage collector)' },
];
const partOf = new Map(parts.map((part) => [part.functionName, part.label]));
/** Pieces of the parts, timed whole (with what they call): the world's drawing, the sub-phases of participation, residents' bookkeeping, the draws. */
const pieces = [
  'drawWorldSteps',
  'copyDrawnWorld',
  'mobiliseHouseholds',
  'collectSuggestions',
  'selectDeliberators',
  'walkSites',
  'holdCouncilMeeting',
  'disengageUnanswered',
  'refreshSatisfaction',
  'orderedTotals',
  'normal',
];

// The median without the profiler, then the same runs profiled.
const unprofiled = median(time((iteration) => run(iteration), runs, 20));
const session = new Session();
session.connect();
await session.post('Profiler.enable');
await session.post('Profiler.setSamplingInterval', { interval: 50 });
await session.post('Profiler.start');
const started = performance.now();
for (let iteration = 0; iteration < runs; iteration++) run(1_000_000 + iteration);
const profiledMilliseconds = (performance.now() - started) / runs;
const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
session.disconnect();

const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parentOf = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
const nameOf = (node: ProfileNode) => node.callFrame.functionName || '(anonymous)';
const placeOf = (node: ProfileNode) =>
  node.callFrame.url
    .split('/')
    .slice(-2)
    .join('/')
    .replace(/\.[jt]s$/, '');

let sampledMicroseconds = 0;
const byPart = new Map<string, number>();
const byPiece = new Map<string, number>();
const bySelf = new Map<string, number>();
profile.samples.forEach((id, index) => {
  const microseconds = profile.timeDeltas[index] ?? 0;
  sampledMicroseconds += microseconds;
  const leaf = nodes.get(id) as ProfileNode;
  // The outermost part on the stack; samples neither in a run nor collecting garbage are the loop's and the profiler's.
  let part: string | undefined;
  let inRun = false;
  const piecesSeen = new Set<string>();
  for (let current: number | undefined = id; current !== undefined; current = parentOf.get(current)) {
    const name = nameOf(nodes.get(current) as ProfileNode);
    const label = partOf.get(name);
    if (label !== undefined) part = label;
    if (name === 'runScenario') inRun = true;
    if (pieces.includes(name)) piecesSeen.add(name);
  }
  for (const piece of piecesSeen) byPiece.set(piece, (byPiece.get(piece) ?? 0) + microseconds);
  const key = part ?? (inRun ? 'other' : 'outside the runs');
  byPart.set(key, (byPart.get(key) ?? 0) + microseconds);
  if (key === 'outside the runs') return;
  const selfKey = `${nameOf(leaf)}  ${placeOf(leaf)}`;
  bySelf.set(selfKey, (bySelf.get(selfKey) ?? 0) + microseconds);
});

const perRun = (microseconds: number) => microseconds / 1000 / runs;
console.log(`govsim run profile: ${mode}, Y community, 104 weeks; ${runs} runs, each building its own world`);
console.log(machineLine());
console.log(codeLine(buildFolder));
console.log(
  `median ms per run: ${unprofiled.toFixed(2)} without the profiler; ${profiledMilliseconds.toFixed(2)} mean under it, of which ${perRun(sampledMicroseconds - (byPart.get('outside the runs') ?? 0)).toFixed(2)} sampled in the runs (shares below are of every sample)`,
);
console.log('');
console.log('part                      ms per run   share');
for (const label of [...parts.map((part) => part.label), 'other', 'outside the runs']) {
  const microseconds = byPart.get(label) ?? 0;
  console.log(
    `${label.padEnd(24)}${perRun(microseconds).toFixed(3).padStart(12)}   ${((100 * microseconds) / sampledMicroseconds).toFixed(1).padStart(5)}%`,
  );
}
console.log('');
console.log('pieces, with what they call                 ms per run   share');
for (const piece of pieces) {
  const microseconds = byPiece.get(piece) ?? 0;
  console.log(
    `${piece.padEnd(44)}${perRun(microseconds).toFixed(3).padStart(11)}   ${((100 * microseconds) / sampledMicroseconds).toFixed(1).padStart(5)}%`,
  );
}
console.log('');
console.log('most time spent in the function itself      ms per run   share');
for (const [key, microseconds] of [...bySelf].sort((left, right) => right[1] - left[1]).slice(0, 20)) {
  console.log(
    `${key.padEnd(44)}${perRun(microseconds).toFixed(3).padStart(11)}   ${((100 * microseconds) / sampledMicroseconds).toFixed(1).padStart(5)}%`,
  );
}
