import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  checkInputFolder,
  InputFileError,
  invalidUtf8Offset,
  jsonNestingOffset,
  loadCaseFolder,
  loadCityFile,
  loadExperiment,
  loadScenarioFile,
  maximumInputBytes,
  maximumJsonDepth,
  parseJsonText,
  readContrastTable,
  readInputText,
  readJsonInput,
  readRobustnessTable,
} from '../../src/node/index.js';
import { ScenarioError } from '../../src/scenario/index.js';

/** A named pipe in a new folder, or null where `mkfifo` is not available. */
async function namedPipe(): Promise<string | null> {
  const path = join(await mkdtemp(join(tmpdir(), 'govsim-input-')), 'pipe.json');
  try {
    execFileSync('mkfifo', [path]);
    return path;
  } catch {
    return null;
  }
}

/**
 * The single problem of the ScenarioError that `read` throws. A read that would not be refused at once (a pipe that
 * waits for a writer, a device that never ends) runs past the test's time limit instead: no duration is asserted.
 */
async function refusal(read: () => Promise<unknown>): Promise<{ error: ScenarioError; message: string }> {
  try {
    await read();
  } catch (error) {
    expect(error).toBeInstanceOf(ScenarioError);
    const scenarioError = error as ScenarioError;
    return {
      error: scenarioError,
      message: scenarioError.problems[0]?.message ?? '',
    };
  }
  throw new Error('expected the input to be refused');
}

describe('readInputText', () => {
  it('refuses a directory, naming the file and what was expected', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-input-'));
    const { error, message } = await refusal(() => readInputText(directory, 'scenario', 'JSON'));
    expect(error).toBeInstanceOf(InputFileError);
    expect(error.source).toBe(directory);
    expect(message).toBe('is a directory, expected a JSON file');
    expect(error.message).toBe(`${directory}: invalid scenario\n  - (top level): is a directory, expected a JSON file`);
  });

  it('refuses a named pipe at once, without opening it', async () => {
    const pipe = await namedPipe();
    if (pipe === null) return;
    const { message } = await refusal(() => readInputText(pipe, 'scenario', 'JSON'));
    expect(message).toBe('is a named pipe (FIFO), expected a JSON file');
  });

  it('refuses a device such as /dev/zero at once', async () => {
    if (!existsSync('/dev/zero')) return;
    const { message } = await refusal(() => readInputText('/dev/zero', 'experiment', 'JSON'));
    expect(message).toBe('is a character device, expected a JSON file');
  });

  it('refuses a loop of symbolic links, and says a missing file is missing', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-input-'));
    await symlink('b', join(directory, 'a'));
    await symlink('a', join(directory, 'b'));
    const loop = await refusal(() => readInputText(join(directory, 'a'), 'scenario'));
    expect(loop.message).toBe('a loop of symbolic links (too many levels of symbolic links)');
    expect((loop.error as InputFileError).missing).toBe(false);
    const missing = await refusal(() => readInputText(join(directory, 'none.json'), 'scenario'));
    expect(missing.message).toBe('file not found');
    expect((missing.error as InputFileError).missing).toBe(true);
    await writeFile(join(directory, 'file'), 'x');
    const underFile = await refusal(() => readInputText(join(directory, 'file', 'x.json'), 'scenario'));
    expect(underFile.message).toBe('file not found (a part of the path is a file, not a folder)');
  });

  it('refuses a file larger than the limit without reading it', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'govsim-input-')), 'large.json');
    await writeFile(path, '');
    await truncate(path, maximumInputBytes + 1);
    const { message } = await refusal(() => readInputText(path, 'scenario'));
    expect(message).toBe('is 16.0 MiB (16777217 bytes), larger than 16 MiB, the limit of an input file');
  });

  it('refuses text that is not UTF-8, at the offset of the first bad byte; drops a byte order mark', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-input-'));
    const latin1 = join(directory, 'latin1.json');
    await writeFile(latin1, Buffer.concat([Buffer.from('{\n  "name": "caf'), Buffer.from([0xe9]), Buffer.from('"\n}')]));
    expect((await refusal(() => readInputText(latin1, 'scenario'))).message).toBe(
      'not UTF-8 text: byte 0xe9 at byte offset 16 (line 2)',
    );
    const utf16 = join(directory, 'utf16.json');
    await writeFile(utf16, Buffer.from('\ufeff{}', 'utf16le'));
    expect((await refusal(() => readInputText(utf16, 'scenario'))).message).toBe(
      'not UTF-8 text: byte 0xff at byte offset 0 (line 1)',
    );
    const marked = join(directory, 'marked.json');
    await writeFile(marked, '\ufeff{"name": "café"}');
    expect(await readInputText(marked, 'scenario')).toBe('{"name": "café"}');
    expect(await readJsonInput(marked, 'scenario')).toEqual({ name: 'café' });
  });
});

describe('JSON inputs', () => {
  it('refuses nesting deeper than the limit before parsing, whatever the length', async () => {
    const path = join(await mkdtemp(join(tmpdir(), 'govsim-input-')), 'deep.json');
    await writeFile(path, '['.repeat(100_000));
    const { message } = await refusal(() => readJsonInput(path, 'scenario'));
    expect(message).toBe(`nested deeper than ${maximumJsonDepth} levels (at line 1, column 65)`);
    const deepest = `${'['.repeat(maximumJsonDepth)}${']'.repeat(maximumJsonDepth)}`;
    expect(JSON.stringify(parseJsonText(deepest, 'x'))).toBe(deepest);
    expect(() => parseJsonText(`{"a": ${'['.repeat(maximumJsonDepth)}]}`, 'x')).toThrow(/nested deeper than 64 levels/);
  });

  it('refuses a key given twice in one object, naming its path and line, which JSON.parse would drop silently', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-input-'));
    const path = join(directory, 'twice.json');
    await writeFile(
      path,
      '{"name": "dup", "mode": "co-production",\n "parameters": {"docking": {"confirmationChance": 0.1}},\n "parameters": {"staff": {"routineLoad": 0.5}}}',
    );
    const { error, message } = await refusal(() => loadScenarioFile(path));
    expect(error.source).toBe(path);
    expect(error.problems[0]?.path).toBe('parameters');
    expect(message).toBe('given twice in one object (again at line 3, column 2); JSON would keep only the last: give it once');
  });

  it('refuses a key named __proto__, which an object would drop without a word, naming its path and line', () => {
    const text = '{"name": "p", "mode": "co-production",\n "extensions": {"__proto__": {"x": 1}}}';
    expect(() => parseJsonText(text, 'p.json')).toThrow(
      'p.json: invalid scenario\n  - extensions.__proto__: a key named "__proto__" (at line 2, column 17) would be dropped without a word: no field has that name',
    );
  });

  it('says which command runs a city given as a scenario, and a scenario given as a city', async () => {
    await expect(loadScenarioFile('scenarios/cities/small-city.json')).rejects.toThrow(
      'scenarios/cities/small-city.json: invalid scenario\n  - (top level): is a city file (it has districts), not a scenario: run it with govsim city',
    );
    await expect(loadCityFile('scenarios/y-community-co-production.json')).rejects.toThrow(
      'is a scenario file (it has no districts), not a city: run it with govsim run, or make a city with govsim generate city',
    );
  });

  it('counts only brackets outside strings', () => {
    expect(jsonNestingOffset('["[[[[", "\\"[[["]', 1)).toBe(-1);
    expect(jsonNestingOffset('[{"a": [1]}]', 2)).toBe(7);
    expect(jsonNestingOffset('[]'.repeat(1000), 1)).toBe(-1);
  });

  it('says an empty file is empty, rather than where JSON ends', () => {
    expect(() => parseJsonText('', 'facts.json', 'facts file')).toThrow(
      'facts.json: invalid facts file\n  - (top level): not valid JSON: the file is empty',
    );
    expect(() => parseJsonText('\n  \n', 'case.json')).toThrow(
      'case.json: invalid scenario\n  - (top level): not valid JSON: the file is empty (white space only)',
    );
  });

  it('names the kind of input in a syntax error', () => {
    expect(() => parseJsonText('{"case": }', 'facts.json', 'facts file')).toThrow(
      'facts.json: invalid facts file\n  - (top level): not valid JSON at line 1, column 10: unexpected "}"',
    );
  });
});

describe('invalidUtf8Offset', () => {
  it('accepts well-formed UTF-8 and finds the first malformed sequence', () => {
    const bytes = (...values: number[]) => Uint8Array.from(values);
    expect(invalidUtf8Offset(new TextEncoder().encode('aé€𝄞'))).toBe(-1);
    expect(invalidUtf8Offset(bytes(0x61, 0x80))).toBe(1); // a lone continuation byte
    expect(invalidUtf8Offset(bytes(0xc0, 0x80))).toBe(0); // an overlong form
    expect(invalidUtf8Offset(bytes(0x61, 0xed, 0xa0, 0x80))).toBe(1); // a surrogate
    expect(invalidUtf8Offset(bytes(0xf4, 0x90, 0x80, 0x80))).toBe(0); // above U+10FFFF
    expect(invalidUtf8Offset(bytes(0x61, 0x62, 0xe2, 0x82))).toBe(2); // cut short
  });
});

describe('every input file govsim reads', () => {
  it('is refused with the file named when it is a named pipe: scenarios, experiments, base scenarios, facts, supplements', async () => {
    const pipe = await namedPipe();
    if (pipe === null) return;
    const directory = await mkdtemp(join(tmpdir(), 'govsim-input-'));
    const experiment = join(directory, 'experiment.json');
    await writeFile(
      experiment,
      JSON.stringify({
        name: 'x',
        base: pipe,
        design: { type: 'factorial', factors: [{ path: 'world.departments', values: [3, 4] }] },
        replicates: 1,
        metrics: ['satisfaction.end'],
      }),
    );
    const caseFolder = join(directory, 'case');
    await mkdir(caseFolder);
    execFileSync('mkfifo', [join(caseFolder, 'facts.json')]);
    const robustness = join(directory, 'robustness');
    await mkdir(robustness);
    execFileSync('mkfifo', [join(robustness, 'facts.csv')]);
    const sensitivity = join(directory, 'sensitivity');
    await mkdir(join(sensitivity, 'analysis'), { recursive: true });
    execFileSync('mkfifo', [join(sensitivity, 'analysis', 'contrast-sign.csv')]);
    const cases: Array<[() => Promise<unknown>, string, string]> = [
      [() => loadScenarioFile(pipe), pipe, 'is a named pipe (FIFO), expected a JSON file'],
      [() => loadExperiment(pipe), pipe, 'is a named pipe (FIFO), expected a JSON file'],
      [() => loadExperiment(experiment), pipe, 'is a named pipe (FIFO), expected a JSON file'],
      [() => loadCaseFolder(caseFolder), join(caseFolder, 'facts.json'), 'is a named pipe (FIFO), expected a JSON file'],
      [() => readRobustnessTable(robustness), join(robustness, 'facts.csv'), 'is a named pipe (FIFO), expected a CSV file'],
      [
        () => readContrastTable(sensitivity),
        join(sensitivity, 'analysis', 'contrast-sign.csv'),
        'is a named pipe (FIFO), expected a CSV file',
      ],
    ];
    for (const [read, source, expected] of cases) {
      const { error, message } = await refusal(read);
      expect(error.source).toBe(source);
      expect(message).toBe(expected);
    }
  });

  it('keeps a base scenario or city that is not an object, or missing, an input error', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-input-'));
    const experiment = (base: string) =>
      JSON.stringify({
        name: 'x',
        base,
        design: { type: 'factorial', factors: [{ path: 'world.departments', values: [3, 4] }] },
        replicates: 1,
        metrics: ['satisfaction.end'],
      });
    await writeFile(join(directory, 'null.json'), 'null');
    await writeFile(join(directory, 'a.json'), experiment('null.json'));
    await writeFile(join(directory, 'b.json'), experiment('missing.json'));
    const notObject = await refusal(() => loadExperiment(join(directory, 'a.json')));
    expect(notObject.error.message).toBe(
      `${join(directory, 'null.json')} (the base of ${join(directory, 'a.json')}): invalid base scenario or city\n  - (top level): expected a JSON object (a scenario or a city)`,
    );
    const missing = await refusal(() => loadExperiment(join(directory, 'b.json')));
    expect(missing.error.problems[0]).toEqual({
      path: 'base',
      message: `base scenario or city ${join(directory, 'missing.json')} not found`,
    });
    // A shipped scenario or city by its name, as `govsim run` takes one, where no file of that name is beside it.
    await writeFile(join(directory, 'c.json'), experiment('y-community-pause'));
    const named = await loadExperiment(join(directory, 'c.json'));
    expect(named.base.name).toBe('y-community-pause');
    await writeFile(join(directory, 'd.json'), experiment('small-city'));
    expect((await loadExperiment(join(directory, 'd.json'))).base.name).toBe('small-city');
    await writeFile(join(directory, 'f.json'), experiment('z-street/case'));
    expect((await loadExperiment(join(directory, 'f.json'))).base.name).toBe('z-street-2018-2019');
    // A shipped experiment copied elsewhere: its path to the base no longer holds, and the name that would is given.
    await writeFile(join(directory, 'e.json'), experiment('../scenarios/y-community-pause.json'));
    const copied = await refusal(() => loadExperiment(join(directory, 'e.json')));
    expect(copied.error.problems[0]?.message).toMatch(
      /not found \(govsim ships a scenario or city named y-community-pause: "base": "y-community-pause" uses it\)$/,
    );
    await writeFile(join(directory, 'g.json'), experiment('../scenarios/z-street-2018-2019/case.json'));
    expect((await refusal(() => loadExperiment(join(directory, 'g.json')))).error.problems[0]?.message).toMatch(
      /"base": "z-street\/case" uses it\)$/,
    );
    // A file's name is a file's, never a shipped one's: missing, it is not found, and the name is offered instead.
    await writeFile(join(directory, 'h.json'), experiment('small-city.json'));
    expect((await refusal(() => loadExperiment(join(directory, 'h.json')))).error.problems[0]?.message).toBe(
      `base scenario or city ${join(directory, 'small-city.json')} not found (govsim ships a scenario or city named small-city: "base": "small-city" uses it)`,
    );
  });

  it('names each unknown metric of an experiment by its place in the file', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-input-'));
    await writeFile(join(directory, 'base.json'), JSON.stringify({ name: 'b', mode: 'co-production', weeks: 4 }));
    await writeFile(
      join(directory, 'x.json'),
      JSON.stringify({
        name: 'x',
        base: 'base.json',
        design: { type: 'factorial', factors: [{ path: 'world.departments', values: [3, 4] }] },
        replicates: 2,
        metrics: ['satisfaction.end', 'satisfaction.ending', 'happiness'],
        precision: { metrics: ['satisfaction.ending'], halfWidth: 0.1 },
      }),
    );
    const { error } = await refusal(() => loadExperiment(join(directory, 'x.json')));
    expect(error.problems).toEqual([
      {
        path: 'metrics[1]',
        message: 'unknown metric "satisfaction.ending" (did you mean "satisfaction.end"?)',
      },
      // Nothing close: an example of what a metric is.
      { path: 'metrics[2]', message: 'unknown metric "happiness" (a run summary path such as satisfaction.end)' },
      {
        path: 'precision.metrics[0]',
        message: 'unknown metric "satisfaction.ending" (did you mean "satisfaction.end"?)',
      },
    ]);
  });
});

describe('checkInputFolder', () => {
  it('refuses a folder to read that is missing, a file or a named pipe, naming it, and takes a folder', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-input-'));
    const file = join(directory, 'afile');
    await writeFile(file, 'x');
    await expect(checkInputFolder(directory, 'sweep folder')).resolves.toBeUndefined();
    const cases: Array<[string, string, boolean]> = [
      [join(directory, 'nonexist'), 'does not exist', true],
      [join(file, 'below'), 'does not exist (a part of the path is a file, not a folder)', true],
      [file, 'is a file, not a folder', false],
    ];
    const pipe = await namedPipe();
    if (pipe !== null) cases.push([pipe, 'is a named pipe (FIFO), not a folder', false]);
    for (const [path, reason, missing] of cases) {
      const { error, message } = await refusal(() => checkInputFolder(path, 'sweep folder'));
      expect(error).toBeInstanceOf(InputFileError);
      expect(error.message).toBe(`${path}: invalid sweep folder\n  - (top level): ${reason}`);
      expect(message).toBe(reason);
      expect((error as InputFileError).missing).toBe(missing);
    }
  });
});
