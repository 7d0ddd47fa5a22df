/** `govsim robustness --model`: the extension's parameters drawn, the module recorded, a bad module refused. */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { exitBadInput } from '../../src/cli/main.js';
import { cli } from './capture.js';

const model = 'examples/wechat-rumour/model.ts';
const robustness = (out: string, ...extra: string[]) =>
  cli('robustness', 'test/fixtures/tiny-case', '--samples', '2', '--replicates', '1', '-j', '1', '--out', out, ...extra);

describe('govsim robustness --model', () => {
  it('draws the extension’s parameters, records the module, and refuses its folder to a run without it', async () => {
    const out = join(await mkdtemp(join(tmpdir(), 'govsim-robustness-model-')), 'robustness');
    expect((await robustness(out, '--model', model)).code).toBe(0);
    const header = (await readFile(join(out, 'draws.csv'), 'utf8')).split('\n')[0]?.split(',');
    expect(header).toContain('extensions.wechat-rumour.spreadChance');
    const manifest = JSON.parse(await readFile(join(out, 'manifest.json'), 'utf8'));
    expect(manifest.model).toMatchObject({ file: resolve(model) });
    expect(manifest.model.hash).toMatch(/^[0-9a-f]+$/);
    expect(manifest.command).toBe(
      `govsim robustness test/fixtures/tiny-case --samples 2 --replicates 1 --seed 1 --model ${model}`,
    );
    // Resumed with the model, nothing to do; without it, another analysis.
    expect((await robustness(out, '--model', model, '--resume')).stdout).toContain('nothing to resume');
    const without = await robustness(out, '--resume');
    expect(without.code).toBe(exitBadInput);
    expect(without.stderr).toContain('holds a finished robustness run of another analysis');
  });

  it('finishes a case whose case scenario sets the extension’s parameters (it was refused after every draw had run)', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-robustness-model-'));
    const folder = join(directory, 'case');
    await cp('test/fixtures/tiny-case', folder, { recursive: true });
    const scenario = JSON.parse(await readFile(join(folder, 'case.json'), 'utf8'));
    scenario.extensions = { 'wechat-rumour': { spreadChance: 0.2 } };
    await writeFile(join(folder, 'case.json'), JSON.stringify(scenario));
    const out = join(directory, 'robustness');
    const result = await cli(
      'robustness',
      folder,
      '--samples',
      '2',
      '--replicates',
      '1',
      '-j',
      '1',
      '--out',
      out,
      '--model',
      model,
    );
    expect(result.stderr).not.toContain('invalid scenario');
    expect(result.code).toBe(0);
    expect(existsSync(join(out, 'index.html'))).toBe(true);
  });

  it('takes a fact whose alternative sets an extension’s parameter, with the model; refuses it without', async () => {
    const folder = join(await mkdtemp(join(tmpdir(), 'govsim-fails-when-')), 'case');
    await cp('test/fixtures/tiny-case', folder, { recursive: true });
    const facts = JSON.parse(await readFile(join(folder, 'facts.json'), 'utf8'));
    facts.facts[0].failsWhen = {
      says: 'rumours spread fast',
      parameters: { 'extensions.wechat-rumour.spreadChance': 0.02 },
    };
    await writeFile(join(folder, 'facts.json'), JSON.stringify(facts));
    const falsified = await cli('validate', folder, '--replicates', '2', '--falsify', '--json', '--model', model);
    expect(falsified.stderr).not.toContain('invalid facts file');
    expect(JSON.parse(falsified.stdout).facts[0].parameters).toEqual({
      'extensions.wechat-rumour.spreadChance': 0.02,
    });
    const without = await cli('validate', folder, '--replicates', '2');
    expect(without.code).toBe(exitBadInput);
    expect(without.stderr).toContain(
      'facts[0].failsWhen.parameters: in fact 1 ("Interfaces"): extensions.wechat-rumour.spreadChance: unknown scenario path',
    );
  });

  it('refuses a module that is not one as run --model does: exit 2, nothing written', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'govsim-robustness-model-'));
    const module = join(directory, 'bad.mjs');
    await writeFile(module, 'export default 5;\n');
    const out = join(directory, 'out');
    const result = await robustness(out, '--model', module);
    expect(result.code).toBe(exitBadInput);
    expect(result.stderr).toBe(
      `govsim: ${module}: invalid model definition\n  - (top level): expected an object { name, extensions }\n`,
    );
    const missing = await robustness(out, '--model', join(directory, 'none.js'));
    expect(missing.code).toBe(exitBadInput);
    expect(missing.stderr).toContain('invalid model module');
    expect(existsSync(out)).toBe(false);
  });

  it('names --model in its help', async () => {
    const help = (await cli('robustness', '--help')).stdout.replace(/\s+/g, ' ');
    expect(help).toContain('--model <module> a module whose default export is a model definition with extensions');
  });
});
