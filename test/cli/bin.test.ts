import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, open, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const repository = resolve('.');

/**
 * govsim as one process from the repository, its stderr piped: run as `node --import tsx` (tsx's own command would
 * put a parent in front of it, relaying signals), so a signal sent to it reaches govsim.
 */
function signalledGovsim(args: string[]) {
  return spawn(process.execPath, ['--import', 'tsx', join(repository, 'src', 'cli', 'bin.ts'), ...args], {
    cwd: repository,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
}

/**
 * Sends `signal` to `child` and expects it to exit with `code` within two seconds. Not stopped within 8 s, it is
 * killed: a command that let its runs go on would run for minutes more.
 */
async function expectPromptStop(
  child: ReturnType<typeof signalledGovsim>,
  closed: Promise<number | null>,
  signal: 'SIGINT' | 'SIGTERM',
  code: number,
  command: string,
): Promise<void> {
  const signalled = performance.now();
  child.kill(signal);
  const deadline = setTimeout(() => child.kill('SIGKILL'), 8000);
  const exitCode = await closed;
  clearTimeout(deadline);
  expect(exitCode, command).toBe(code);
  expect(performance.now() - signalled, command).toBeLessThan(2000);
}

/** Starts the command line from the sources in `cwd`, its stdout piped; `output.stderr` gathers what it writes there. */
function startGovsim(args: string[], cwd: string) {
  const child = spawn(
    process.execPath,
    [join(repository, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repository, 'src', 'cli', 'bin.ts'), ...args],
    { cwd, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const output = { stderr: '' };
  child.stderr.setEncoding('utf8').on('data', (text: string) => {
    output.stderr += text;
  });
  const closed = new Promise<number | null>((exited) => child.on('close', exited));
  return { child, output, closed };
}

/** Runs the command line, reads only the first chunk of its standard output, then closes the pipe, as `| head` does. */
async function readFirstChunk(args: string[]): Promise<{ code: number | null; first: string; stderr: string; cwd: string }> {
  const cwd = await mkdtemp(join(tmpdir(), 'govsim-pipe-'));
  const { child, output, closed } = startGovsim(args, cwd);
  const first = await new Promise<string>((received) => {
    child.stdout.once('data', (chunk: Buffer) => {
      child.stdout.destroy();
      received(chunk.toString('utf8'));
    });
  });
  const code = await closed;
  return { code, first, stderr: output.stderr, cwd };
}

/** Runs the command line from the sources in `cwd` to its end: its exit code and what it wrote to stderr. */
async function govsimExit(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  const { output, closed } = startGovsim(args, cwd);
  const code = await closed;
  return { code, stderr: output.stderr };
}

describe('the govsim command', () => {
  it('stops printing quietly when its reader closes the pipe early, and still finishes with its own exit code', async () => {
    // A generated city is a few hundred kilobytes of JSON: far more than a pipe holds, so printing it meets the closed pipe.
    const printed = await readFirstChunk(['generate', 'city']);
    expect(printed.first.startsWith('{')).toBe(true);
    expect(printed.stderr).toBe('');
    expect(printed.code).toBe(0);

    const written = await readFirstChunk(['run', 'z-street/case', '--weeks', '30', '--out', 'run']);
    expect(written.stderr).toBe('');
    expect(written.code).toBe(0);
    expect((await readdir(join(written.cwd, 'run'))).sort()).toEqual(['manifest.json', 'summary.json', 'weeks.csv']);
  }, 60_000);

  it.runIf(existsSync('/dev/full'))(
    'says in one line that standard output cannot be written (> /dev/full), with exit 3 and its files written',
    async () => {
      const cwd = await mkdtemp(join(tmpdir(), 'govsim-full-'));
      const full = await open('/dev/full', 'w');
      try {
        for (const args of [['schema'], ['list'], ['run', 'y-community-co-production', '--weeks', '4', '--out', 'rfull']]) {
          const child = spawn(
            process.execPath,
            [join(repository, 'node_modules', 'tsx', 'dist', 'cli.mjs'), join(repository, 'src', 'cli', 'bin.ts'), ...args],
            { cwd, stdio: ['ignore', full.fd, 'pipe'] },
          );
          let stderr = '';
          child.stderr?.setEncoding('utf8').on('data', (text: string) => {
            stderr += text;
          });
          expect(await new Promise((exited) => child.on('close', exited)), args[0]).toBe(3);
          expect(stderr, args[0]).toBe('govsim: cannot write standard output: no space left on device (ENOSPC)\n');
        }
      } finally {
        await full.close();
      }
      expect((await readdir(join(cwd, 'rfull'))).sort()).toEqual(['manifest.json', 'summary.json', 'weeks.csv']);
    },
    60_000,
  );

  it('refuses a known case name that is also a folder where it runs, saying how to name either', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'govsim-shadow-'));
    await mkdir(join(cwd, 'z-street'));
    const { code, stderr } = await govsimExit(['validate', 'z-street'], cwd);
    expect(code).toBe(2);
    expect(stderr).toBe(
      'govsim: z-street: invalid case folder\n  - (top level): names both the shipped case z-street and the folder ./z-street here: give ./z-street for the folder, or run from another folder for the shipped case\n',
    );
  }, 60_000);

  it('says of an empty --model, which Node reads as CommonJS, that it exports no model definition: exit 2, nothing written', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'govsim-model-empty-'));
    // Node imports an empty .js file (no package.json of a module project above it) as an empty module.exports.
    await writeFile(join(cwd, 'empty.js'), '');
    for (const args of [
      ['parameters', '--model', 'empty.js'],
      ['run', join(repository, 'scenarios', 'y-community-co-production.json'), '--model', 'empty.js', '--out', 'run'],
    ]) {
      const { code, stderr } = await govsimExit(args, cwd);
      expect(code, args.join(' ')).toBe(2);
      expect(stderr).toBe(
        'govsim: empty.js: invalid model module\n  - (top level): exports no model definition (its default export is an empty object, as an empty file’s is): export default defineModel({ … })\n',
      );
    }
    expect(await readdir(cwd)).toEqual(['empty.js']);
  }, 60_000);

  it("says where a --model module's syntax error is: an ES module (which Node 20 throws without a place), a CommonJS one, TypeScript under tsx", async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'govsim-model-syntax-'));
    const text = "export default {\n  name: 'broken',\n  extensions: [ quiet quiet ],\n};\n";
    await writeFile(join(cwd, 'broken.mjs'), text);
    await writeFile(join(cwd, 'broken.ts'), text);
    await writeFile(join(cwd, 'broken.cjs'), 'module.exports = {\n  name: 1 2,\n};\n');
    await writeFile(join(cwd, 'helper.mjs'), 'export const a = 1;\n');
    await writeFile(join(cwd, 'importer.mjs'), "import { b } from './helper.mjs';\nexport default b;\n");
    const expected: Array<[string, string]> = [
      // The second `quiet`, at column 23 of line 3.
      ['broken.mjs', `cannot load it: Unexpected identifier 'quiet' (at ${join(cwd, 'broken.mjs')}:3:23)`],
      ['broken.cjs', `cannot load it: Unexpected number (at ${join(cwd, 'broken.cjs')}:2:11)`],
      // Under tsx, esbuild's reason and place, its column counted from 1 as Node's are.
      ['broken.ts', `cannot load it: Expected "]" but found "quiet" (at ${join(cwd, 'broken.ts')}:3:23)`],
      // What another module does not export is a SyntaxError too, which Node places at the import.
      [
        'importer.mjs',
        `cannot load it: The requested module './helper.mjs' does not provide an export named 'b' (at ${join(cwd, 'importer.mjs')}:1)`,
      ],
    ];
    for (const [module, reason] of expected) {
      const { code, stderr } = await govsimExit(['parameters', '--model', module], cwd);
      expect(code, module).toBe(2);
      expect(stderr, module).toBe(`govsim: ${module}: invalid model module\n  - (top level): ${reason}\n`);
    }
  }, 60_000);

  it('loads for `run` none of the modules only other commands use: facts, experiments, generators, city files, reports', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'govsim-loaded-'));
    const log = join(cwd, 'loaded.txt');
    // A module hook that notes every module resolved, registered after tsx's, so that it sees the sources' own paths.
    const hooks = `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(${JSON.stringify(log)}, resolved.url + '\\n');
  return resolved;
}`;
    const registration = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(hooks)}`)});`;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--import',
        `data:text/javascript,${encodeURIComponent(registration)}`,
        join(repository, 'src', 'cli', 'bin.ts'),
        'run',
        'y-community-co-production',
        '--out',
        join(cwd, 'run'),
      ],
      { cwd: repository, stdio: ['ignore', 'ignore', 'inherit'] },
    );
    expect(await new Promise((exited) => child.on('close', exited))).toBe(0);
    const sources = join(repository, 'src');
    const loaded = [
      ...new Set(
        (await readFile(log, 'utf8'))
          .split('\n')
          .filter((url) => url.startsWith('file:'))
          .map((url) => decodeURIComponent(new URL(url).pathname))
          .filter((path) => path.startsWith(`${sources}/`))
          .map((path) => path.slice(sources.length + 1)),
      ),
    ];
    // The hook saw the run's own modules (a check that it worked at all).
    expect(loaded).toEqual(expect.arrayContaining(['cli/main.ts', 'scenario/schema.ts', 'model/world.ts', 'node/output.ts']));
    // A run holds its folder's lock while it writes, as every command writing a folder does.
    expect(loaded).toContain('node/folder-lock.ts');
    // What `run` needs of those layers lives in modules of its own: the limits its help states, how a city file is told.
    const needed = ['experiments/limits.ts', 'generators/city-input.ts', 'validation/limits.ts'];
    const others = loaded.filter(
      (path) =>
        /^(validation|experiments|generators|report)\//.test(path) ||
        /^node\/(case-folder|city-files|robustness|robustness-progress|sweep|sweep-chunks|report-files)\.ts$/.test(path),
    );
    expect(others.filter((path) => !needed.includes(path))).toEqual([]);
  }, 60_000);

  it('stopped by Ctrl-C or SIGTERM while writing, leaves no temporary file and no lock, exiting 130 or 143', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'govsim-signal-'));
    const generated = signalledGovsim([
      'generate',
      'city',
      '--districts',
      '2',
      '--streets',
      '24',
      '--communities',
      '240',
      '--households',
      '480000',
      '--out',
      join(cwd, 'city.json'),
    ]);
    expect(await new Promise((exited) => generated.on('close', exited))).toBe(0);
    for (const [signal, code] of [
      ['SIGINT', 130],
      ['SIGTERM', 143],
    ] as const) {
      const out = join(cwd, `city-${signal}`);
      const child = signalledGovsim(['city', join(cwd, 'city.json'), '-j', '1', '--out', out]);
      let exited = false;
      const closed = new Promise<number | null>((resolveClose) =>
        child.on('close', (exitCode) => {
          exited = true;
          resolveClose(exitCode);
        }),
      );
      // The run streams its rows into temporary files: stop it once they are there.
      const writing = async () =>
        (await readdir(out).catch(() => [])).some((name) => name.startsWith('communities.csv.govsim-tmp-'));
      while (!exited && !(await writing())) await new Promise((resolveWait) => setTimeout(resolveWait, 5));
      expect(exited, 'the city run finished before it could be stopped').toBe(false);
      child.kill(signal);
      expect(await closed).toBe(code);
      // Nothing is left in the folder (which goes too when nothing else removes a file from it after the lock).
      expect(await readdir(out).catch(() => [])).toEqual([]);
    }
  }, 120_000);

  it('stops a long run, comparison, validation or reproduction within a second of Ctrl-C or SIGTERM, writing nothing', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'govsim-stop-'));
    // A model module that says when it is loaded: the command has begun, and its runs follow within milliseconds.
    const model = join(cwd, 'ready.mjs');
    await writeFile(
      model,
      "process.stderr.write('model loaded\\n');\nexport default { name: 'plain', extensions: [{ name: 'quiet', description: 'does nothing' }] };\n",
    );
    const street = join(cwd, 'street.json');
    const generated = signalledGovsim(['generate', 'street', '--communities', '300', '--weeks', '5200', '--out', street]);
    expect(await new Promise((exited) => generated.on('close', exited))).toBe(0);
    // Each runs for a minute or more undisturbed (a single run of a street over a century of weeks included).
    const commands: Array<[string[], 'SIGINT' | 'SIGTERM', number]> = [
      [['compare', 'y-community-administrative-led', 'y-community-co-production', '--replicates', '3000'], 'SIGINT', 130],
      [['validate', 'z-street', '--replicates', '2000'], 'SIGTERM', 143],
      [['reproduce', 'z-street', '--replicates', '2000', '--out', join(cwd, 'report')], 'SIGINT', 130],
      [['run', street, '--force', '--out', join(cwd, 'run')], 'SIGTERM', 143],
    ];
    for (const [args, signal, code] of commands) {
      const child = signalledGovsim([...args, '--model', model]);
      let stderr = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
      });
      const closed = new Promise<number | null>((resolveClose) => child.on('close', resolveClose));
      while (!stderr.includes('model loaded')) await new Promise((resolveWait) => setTimeout(resolveWait, 10));
      await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
      await expectPromptStop(child, closed, signal, code, args[0] as string);
    }
    expect((await readdir(cwd)).sort()).toEqual(['ready.mjs', 'street.json']);
  }, 120_000);

  it('stops a city run, a sweep of a city and a robustness run in one thread (-j 1) within a second of Ctrl-C or SIGTERM', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'govsim-stop-here-'));
    // One street of 600,000 households over a century of weeks: its run alone takes minutes.
    const city = join(cwd, 'city.json');
    const generated = signalledGovsim([
      'generate',
      'city',
      '--districts',
      '1',
      '--streets',
      '1',
      '--communities',
      '300',
      '--households',
      '600000',
      '--weeks',
      '5200',
      '--out',
      city,
    ]);
    expect(await new Promise((exited) => generated.on('close', exited))).toBe(0);
    await writeFile(
      join(cwd, 'experiment.json'),
      JSON.stringify({
        name: 'long-city',
        base: 'city.json',
        design: { type: 'factorial', factors: [{ path: 'parameters.docking.confirmationChance', values: [0.6] }] },
        replicates: 1,
        metrics: ['households'],
      }),
    );
    const commands: Array<[string[], string, 'SIGINT' | 'SIGTERM', number]> = [
      [['city', city, '-j', '1', '--out', join(cwd, 'city-run')], join(cwd, 'city-run'), 'SIGINT', 130],
      [['sweep', join(cwd, 'experiment.json'), '-j', '1', '--out', join(cwd, 'sweep')], join(cwd, 'sweep'), 'SIGTERM', 143],
      [
        [
          'robustness',
          'test/fixtures/tiny-case',
          '--samples',
          '2',
          '--replicates',
          '100000',
          '-j',
          '1',
          '--out',
          join(cwd, 'rob'),
        ],
        join(cwd, 'rob'),
        'SIGINT',
        130,
      ],
    ];
    for (const [args, out, signal, code] of commands) {
      const child = signalledGovsim(args);
      let exited = false;
      const closed = new Promise<number | null>((resolveClose) =>
        child.on('close', (exitCode) => {
          exited = true;
          resolveClose(exitCode);
        }),
      );
      // Under way once it holds its folder's lock: everything before (reading, checking) takes well under a second.
      while (!exited && (await readdir(out).catch(() => [])).length === 0)
        await new Promise((resolveWait) => setTimeout(resolveWait, 10));
      await new Promise((resolveWait) => setTimeout(resolveWait, 1000));
      expect(exited, `${args[0]} finished before it could be stopped`).toBe(false);
      await expectPromptStop(child, closed, signal, code, args[0] as string);
    }
  }, 120_000);

  it('a robustness run stopped by Ctrl-C keeps what it finished, and --resume ends it with the bytes of a run never stopped', async () => {
    const cwd = await mkdtemp(join(tmpdir(), 'govsim-robustness-stop-'));
    const finished = (child: ReturnType<typeof signalledGovsim>) =>
      new Promise<number | null>((resolveClose) => child.on('close', (exitCode) => resolveClose(exitCode)));
    const args = (out: string) => [
      'robustness',
      'test/fixtures/tiny-case',
      '--samples',
      '30',
      '--replicates',
      '3',
      '-j',
      '1',
      '--out',
      out,
    ];
    const whole = join(cwd, 'whole');
    expect(await finished(signalledGovsim(args(whole)))).toBe(0);
    const stopped = join(cwd, 'stopped');
    const child = signalledGovsim(args(stopped));
    let exited = false;
    const closed = finished(child).then((exitCode) => {
      exited = true;
      return exitCode;
    });
    const progress = join(stopped, 'robustness-progress.jsonl');
    // Stopped once a few draws are kept (a line naming the analysis, then one per unit finished).
    const kept = async () => (await readFile(progress, 'utf8').catch(() => '')).split('\n').length - 2;
    while (!exited && (await kept()) < 3) await new Promise((resolveWait) => setTimeout(resolveWait, 5));
    expect(exited, 'the run finished before it could be stopped').toBe(false);
    let said = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      said += chunk.toString();
    });
    child.kill('SIGINT');
    expect(await closed).toBe(130);
    // It says where what it finished is kept, and how to finish.
    expect(said).toContain(
      `govsim: stopped; the draws that finished are kept in ${join(stopped, 'robustness-progress.jsonl')}: the same command with --resume runs the rest`,
    );
    expect((await readdir(stopped)).sort()).toEqual(['robustness-progress.jsonl']);
    const units = await kept();
    expect(units).toBeGreaterThanOrEqual(3);
    expect(units).toBeLessThan(31);
    // Run again as it was, the folder is refused: what it kept would be lost.
    expect(await finished(signalledGovsim(args(stopped)))).toBe(2);
    expect(await finished(signalledGovsim([...args(stopped), '--resume']))).toBe(0);
    const names = (await readdir(whole)).sort();
    expect((await readdir(stopped)).sort()).toEqual(names);
    for (const name of names)
      expect((await readFile(join(stopped, name))).equals(await readFile(join(whole, name))), name).toBe(true);
  }, 120_000);
});
