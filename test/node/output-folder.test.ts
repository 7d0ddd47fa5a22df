import { spawnSync } from 'node:child_process';
import { chmodSync } from 'node:fs';
import { mkdir, mkdtemp, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkOutputFile, checkOutputFolder, folderContents } from '../../src/node/output-folder.js';
import { shippedExperimentsDirectory, shippedScenariosDirectory } from '../../src/node/shipped.js';
import { ScenarioError } from '../../src/scenario/index.js';

/** A fresh folder holding `files` (name → content). */
async function folderWith(files: Record<string, unknown>): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'govsim-out-'));
  for (const [name, content] of Object.entries(files))
    await writeFile(join(directory, name), typeof content === 'string' ? content : JSON.stringify(content));
  return directory;
}

const manifests = {
  run: { govsim: '0', scenario: 's', scenarioHash: 'h', seed: 1 },
  report: { govsim: '0', case: 'case', seeds: [1], scenarios: [] },
  robustness: { govsim: '0', case: 'case', observedFacts: [1] },
  'city run': { govsim: '0', city: 'c', cityFile: 'c.json', cityHash: 'h' },
};

describe('folderContents', () => {
  it("tells each command's output by the files it writes, and a case folder by its facts", async () => {
    for (const [kind, manifest] of Object.entries(manifests))
      expect(await folderContents(await folderWith({ 'manifest.json': manifest }))).toBe(kind);
    expect(await folderContents(await folderWith({ 'sweep.json': {} }))).toBe('sweep');
    expect(await folderContents(await folderWith({ 'comparison.json': {}, 'stages.csv': '' }))).toBe('comparison');
    expect(await folderContents(await folderWith({ 'analysis.md': '# a', 'summary.csv': '' }))).toBe('sweep analysis');
    expect(await folderContents(await folderWith({ 'facts.json': {}, 'case.json': {} }))).toBe('case folder');
    expect(await folderContents(await folderWith({}))).toBe('empty');
    expect(await folderContents(await folderWith({ 'notes.txt': 'x', 'manifest.json': '{not json' }))).toBe('other');
    const parent = await folderWith({ 'a-file': 'x' });
    expect(await folderContents(join(parent, 'a-file'))).toBe('file');
    expect(await folderContents(join(parent, 'missing'))).toBe('missing');
  });
});

describe('checkOutputFolder', () => {
  const refusal = async (directory: string, kind: Parameters<typeof checkOutputFolder>[1]) => {
    const error = await checkOutputFolder(directory, kind).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ScenarioError);
    return (error as ScenarioError).problems[0]?.message;
  };

  it('refuses a file, a path through a file, a case folder and another kind of output, saying why', async () => {
    const parent = await folderWith({ 'a-file': 'x' });
    expect(await refusal(join(parent, 'a-file'), 'report')).toBe('is a file, not a folder; choose another --out');
    expect(await refusal(join(parent, 'a-file', 'below'), 'report')).toBe(
      `cannot be made: ${join(parent, 'a-file')} is a file, not a folder; choose another --out`,
    );
    expect(await refusal(await folderWith({ 'facts.json': {}, 'case.json': {} }), 'report')).toBe(
      "is a case folder (it holds facts.json): the report's files would be read with its scenarios; choose another --out",
    );
    expect(await refusal(await folderWith({ 'manifest.json': manifests.report }), 'robustness')).toBe(
      'holds a report: writing a robustness run there would mix the two; choose another --out',
    );
    expect(await refusal(await folderWith({ 'manifest.json': manifests['city run'] }), 'sweep')).toMatch(/^holds a city run/);
    expect(await refusal(await folderWith({ 'manifest.json': manifests.robustness }), 'sweep')).toBe(
      'holds a robustness run: writing a sweep there would mix the two; choose another --out',
    );
    // A sweep folder is no place for its analysis, nor an analysis for a sweep.
    expect(await refusal(await folderWith({ 'sweep.json': {} }), 'sweep analysis')).toBe(
      'holds a sweep: writing a sweep analysis there would mix the two; choose another --out',
    );
    expect(await refusal(await folderWith({ 'analysis.md': '', 'summary.csv': '' }), 'sweep')).toMatch(/^holds a sweep analysis/);
    // A manifest.json that is no govsim output's would be replaced by a run's, a report's, a robustness run's or a city
    // run's own; a sweep, which writes none, may go there.
    const foreign = await folderWith({ 'manifest.json': { name: 'web', version: '1.0.0' }, 'notes.txt': 'mine' });
    for (const kind of ['run', 'report', 'robustness', 'city run'] as const)
      expect(await refusal(foreign, kind)).toBe(
        `holds a manifest.json that is no govsim output's: the ${kind === 'robustness' ? 'robustness run' : kind}'s own manifest.json would replace it; choose another --out`,
      );
    await expect(checkOutputFolder(foreign, 'sweep')).resolves.toBeUndefined();
    // One cut short (a full disk) is said to be not JSON, not another tool's.
    const cut = await folderWith({ 'manifest.json': '{"govsim": "0.2' });
    expect(await refusal(cut, 'run')).toBe(
      "holds a manifest.json that is not JSON (cut short, or another tool's): the run's own manifest.json would replace it; choose another --out",
    );
    // An empty path (an unset variable, say) is no folder: it would be the working folder.
    expect(await refusal('', 'run')).toBe('is empty: expected the path of a folder; choose another --out');
    await expect(checkOutputFile('')).rejects.toThrow('is empty: expected the path of a file; choose another --out');
    // A file's path ending in a separator names a folder, there or not: the file would have taken the folder's name.
    await expect(checkOutputFile(join(await mkdtemp(join(tmpdir(), 'govsim-slash-')), 'newdir/'))).rejects.toThrow(
      'ends in a separator, which names a folder: expected a file to write; choose another --out',
    );
  });

  it('refuses a .json file in a case folder, which would be read with its scenarios, but for a scenario not named facts.json', async () => {
    const caseFolder = await folderWith({ 'facts.json': { case: 'case', facts: [] }, 'case.json': {} });
    await expect(checkOutputFile(join(caseFolder, 'parameters.json'))).rejects.toThrow(
      'is in a case folder (its folder holds facts.json), which reads each .json file in it as a scenario or as its facts; choose another --out',
    );
    await expect(checkOutputFile(join(caseFolder, 'facts.json'), '--out', 'scenario')).rejects.toThrow(
      'is the facts file of a case folder: a scenario written there would take the place of its facts',
    );
    await expect(checkOutputFile(join(caseFolder, 'street.json'), '--out', 'scenario')).resolves.toBeUndefined();
    // Other files, and .json files in other folders, are as before.
    await expect(checkOutputFile(join(caseFolder, 'parameters.md'))).resolves.toBeUndefined();
    await expect(checkOutputFile(join(await folderWith({}), 'parameters.json'))).resolves.toBeUndefined();
  });

  it("refuses govsim's folders of shipped scenarios and experiments, and folders inside them, also through a link", async () => {
    const scenarios = shippedScenariosDirectory();
    const experiments = shippedExperimentsDirectory();
    expect(await refusal(scenarios, 'run')).toBe(
      "is govsim's folder of shipped scenarios, each .json of which govsim list offers by name: the run's files would be taken for scenarios; choose another --out",
    );
    expect(await refusal(experiments, 'sweep')).toBe(
      "is govsim's folder of shipped experiments, each .json of which govsim list offers by name: the sweep's files would be taken for experiments; choose another --out",
    );
    expect(await refusal(join(scenarios, 'new-run'), 'run')).toBe(
      `is inside govsim's folder of shipped scenarios (${scenarios}), whose files are govsim's own; choose another --out`,
    );
    // The advice is said once.
    expect((await refusal(join(experiments, 'new-sweep'), 'sweep'))?.match(/choose/g)).toHaveLength(1);
    expect(await refusal(join(scenarios, 'cities'), 'comparison')).toMatch(/^is inside govsim's folder of shipped scenarios/);
    const link = join(await folderWith({}), 'link');
    await symlink(scenarios, link);
    expect(await refusal(link, 'report')).toMatch(/^is govsim's folder of shipped scenarios/);
    expect(await refusal(join(link, 'below'), 'report')).toMatch(/^is inside govsim's folder of shipped scenarios/);
    // A folder of one's own holding scenario files is not one govsim reads as a whole: a run may write there.
    await expect(checkOutputFolder(await folderWith({ 'a.json': { name: 'a' } }), 'run')).resolves.toBeUndefined();
  });

  it("refuses in govsim's shipped folders a .json file but what govsim list would offer it as, also through a link", async () => {
    const scenarios = shippedScenariosDirectory();
    const message = (path: string, content?: Parameters<typeof checkOutputFile>[2]) =>
      checkOutputFile(path, '--out', content).then(
        () => '',
        (error: unknown) => (error as ScenarioError).problems[0]?.message,
      );
    // A schema written there would be offered as a scenario, and fail when run; under its own ending it is not offered.
    expect(await message(join(scenarios, 'my-schema.json'))).toBe(
      "is in govsim's folder of shipped scenarios, each .json file of which govsim list offers by name as a scenario; choose another --out",
    );
    expect(await message(join(scenarios, 'my.schema.json'))).toBe('');
    expect(await message(join(scenarios, 'my-street.json'), 'scenario')).toBe('');
    expect(await message(join(scenarios, 'cities', 'my-street.json'), 'scenario')).toMatch(
      /^is in govsim's folder of shipped cities/,
    );
    expect(await message(join(scenarios, 'cities', 'my-city.json'), 'city')).toBe('');
    expect(await message(join(shippedExperimentsDirectory(), 'p.json'))).toMatch(/offers by name as an experiment;/);
    expect(await message(join(shippedExperimentsDirectory(), 'mine.json'), 'experiment')).toBe('');
    // What govsim list leaves out is not refused: a name not ending in .json exactly, a case's facts file.
    expect(await message(join(scenarios, 'NOTES.JSON'))).toBe('');
    expect(await message(join(scenarios, 'facts.json'))).toBe('');
    // Other files are not listed: parameters.md may go there.
    expect(await message(join(scenarios, 'notes.md'))).toBe('');
    const link = join(await folderWith({}), 'link');
    await symlink(scenarios, link);
    expect(await message(join(link, 'x.json'))).toMatch(/^is in govsim's folder of shipped scenarios/);
  });

  it('refuses a folder inside a command’s output, there or to be made: a sweep’s chunks, a report’s data', async () => {
    const sweep = await folderWith({ 'sweep.json': {} });
    await mkdir(join(sweep, 'chunks'));
    expect(await refusal(join(sweep, 'chunks'), 'sweep analysis')).toBe(
      `is inside a sweep (${sweep}): the sweep analysis's files would be mixed with its files; choose another --out`,
    );
    const report = await folderWith({ 'manifest.json': manifests.report });
    expect(await refusal(join(report, 'data', 'more'), 'run')).toMatch(/^is inside a report \(/);
    // A sweep's analysis goes in a folder of its own in the sweep's folder (its default), but no other output does.
    for (const name of ['analysis', 'analysis-2'])
      await expect(checkOutputFolder(join(sweep, name), 'sweep analysis')).resolves.toBeUndefined();
    expect(await refusal(join(sweep, 'analysis', 'deeper'), 'sweep analysis')).toMatch(/^is inside a sweep \(/);
    expect(await refusal(join(sweep, 'report'), 'report')).toMatch(/^is inside a sweep \(/);
  });

  it('accepts a missing, empty or unknown folder, and output of its own kind to write over', async () => {
    const parent = await folderWith({});
    await mkdir(join(parent, 'empty'));
    for (const directory of [join(parent, 'new', 'deeper'), join(parent, 'empty'), await folderWith({ 'notes.txt': 'x' })])
      await expect(checkOutputFolder(directory, 'report')).resolves.toBeUndefined();
    await expect(checkOutputFolder(await folderWith({ 'manifest.json': manifests.report }), 'report')).resolves.toBeUndefined();
    await expect(checkOutputFolder(await folderWith({ 'sweep.json': {} }), 'sweep')).resolves.toBeUndefined();
  });

  it('refuses a folder of one’s own holding a file the output would write, which it would replace without a word', async () => {
    const web = await folderWith({ 'index.html': '<p>mine</p>', 'notes.txt': 'x' });
    expect(await refusal(web, 'report')).toBe(
      'holds index.html of its own, which the report would replace: no govsim report was written there (if one was stopped while writing, remove it); choose another --out',
    );
    expect(await refusal(web, 'robustness')).toMatch(/^holds index\.html of its own, which the robustness run would replace/);
    expect(await refusal(await folderWith({ 'weeks.csv': 'x', 'summary.json': {} }), 'run')).toMatch(
      /^holds weeks\.csv, summary\.json of its own, which the run would replace: .*remove them\)/,
    );
    expect(await refusal(await folderWith({ 'stages.csv': 'x' }), 'comparison')).toMatch(/^holds stages\.csv of its own/);
    expect(await refusal(await folderWith({ 'summary.csv': 'x' }), 'sweep analysis')).toMatch(
      /^holds summary\.csv of its own, which the sweep analysis would replace/,
    );
    expect(await refusal(await folderWith({ 'streets.csv': 'x', 'communities.csv': 'x' }), 'city run')).toMatch(
      /^holds communities\.csv, streets\.csv of its own, which the city run would replace/,
    );
    // A run's files are no report's: a folder of them takes a report, which replaces none of them; nor are a folder's
    // own data/ and charts/, into which a report writes files of its names beside the others; nor a street's files,
    // which a single community's run does not write.
    await expect(checkOutputFolder(await folderWith({ 'weeks.csv': 'x' }), 'report')).resolves.toBeUndefined();
    const project = await folderWith({ 'README.md': '# mine' });
    for (const folder of ['data', 'charts']) {
      await mkdir(join(project, folder));
      await writeFile(join(project, folder, 'mine.csv'), 'x');
    }
    await expect(checkOutputFolder(project, 'report')).resolves.toBeUndefined();
    await expect(checkOutputFolder(await folderWith({ 'communities.csv': 'x' }), 'run')).resolves.toBeUndefined();
    // An earlier output of the kind is replaced, as before.
    await expect(
      checkOutputFolder(await folderWith({ 'manifest.json': manifests.report, 'index.html': 'old' }), 'report'),
    ).resolves.toBeUndefined();
  });
});

describe('symbolic links as --out', () => {
  it('refuses a link to nothing as a folder or a file, and follows a link to a folder', async () => {
    const parent = await folderWith({});
    await symlink(join(parent, 'nowhere'), join(parent, 'broken'));
    expect(await folderContents(join(parent, 'broken'))).toBe('broken link');
    await expect(checkOutputFolder(join(parent, 'broken'), 'report')).rejects.toThrow(
      'is a symbolic link to nothing; choose another --out',
    );
    await expect(checkOutputFile(join(parent, 'broken'))).rejects.toThrow('is a symbolic link to nothing; choose another --out');
    await mkdir(join(parent, 'real'));
    await symlink(join(parent, 'real'), join(parent, 'linked'));
    expect(await folderContents(join(parent, 'linked'))).toBe('empty');
  });
});

describe('an output folder that cannot be written in', () => {
  /**
   * Makes `folder` unwritable for this process: its mode for a user, and for root (whom modes do not stop) the
   * immutable attribute; undefined where neither can be set (a file system without attributes), and the test is skipped.
   */
  const lock = (folder: string): (() => void) | undefined => {
    if (process.getuid?.() !== 0) {
      chmodSync(folder, 0o555);
      return () => chmodSync(folder, 0o755);
    }
    const attribute = spawnSync('chattr', ['+i', folder]);
    if (attribute.status !== 0) return undefined;
    return () => spawnSync('chattr', ['-i', folder]);
  };

  it('is refused when it may be written but not searched (a user’s folder of mode rw-, which root may still use)', async (context) => {
    if (process.getuid?.() === 0) return context.skip();
    const folder = await folderWith({ 'old.csv': 'a,b\n' });
    chmodSync(folder, 0o666);
    try {
      await expect(checkOutputFolder(folder, 'run')).rejects.toThrow(
        new RegExp(`${folder} cannot be written in: permission denied \\(EACCES\\); choose another --out`),
      );
      await expect(checkOutputFile(join(folder, 'table.csv'))).rejects.toThrow(/cannot be written in: permission denied/);
    } finally {
      chmodSync(folder, 0o755);
    }
  });

  it('is refused before any work, naming the folder and the reason: an existing one, or the parent of a new one', async (context) => {
    const folder = await folderWith({ 'old.csv': 'a,b\n' });
    const unlock = lock(folder);
    if (unlock === undefined) return context.skip();
    try {
      const reason = process.getuid?.() === 0 ? 'operation not permitted \\(EPERM\\)' : 'permission denied \\(EACCES\\)';
      await expect(checkOutputFolder(folder, 'run')).rejects.toThrow(
        new RegExp(`${folder} cannot be written in: ${reason}; choose another --out`),
      );
      await expect(checkOutputFolder(join(folder, 'new'), 'run')).rejects.toThrow(
        new RegExp(`cannot be made: ${folder} cannot be written in: ${reason}; choose another --out`),
      );
      // A new file in a folder that is there: the folder cannot be written in (it need not be made).
      await expect(checkOutputFile(join(folder, 'table.csv'))).rejects.toThrow(
        new RegExp(`its folder ${folder} cannot be written in: ${reason}; choose another --out`),
      );
      // A file to write over is replaced by a new one renamed over it: its folder must be writable too.
      await expect(checkOutputFile(join(folder, 'old.csv'))).rejects.toThrow(
        new RegExp(`its folder ${folder} cannot be written in: ${reason}; choose another --out`),
      );
    } finally {
      unlock();
    }
    await expect(checkOutputFolder(folder, 'run')).resolves.toBeUndefined();
    await expect(checkOutputFile(join(folder, 'old.csv'))).resolves.toBeUndefined();
  });
});
