/**
 * The API reference (TypeDoc, `npm run docs:api`) and an editor's hover show
 * a name's doc comment: every name that the running and generator entries
 * export has one, a type as much as a function. Other entries (scenario
 * schema types, experiments, validation, model state, report, node) still
 * have types without one: add each entry here once its names all have theirs.
 */
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entries = ['src/simulation/index.ts', 'src/generators/index.ts'];

/** Each exported name of `entry` without a doc comment, as `entry: name`. */
function undocumented(program: ts.Program, entry: string): string[] {
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(resolve(entry));
  if (file === undefined) throw new Error(`${entry} is not in the program`);
  const module = checker.getSymbolAtLocation(file);
  if (module === undefined) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(module).flatMap((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const documented = (symbol.declarations ?? []).some((declaration) => ts.getJSDocCommentsAndTags(declaration).length > 0);
    return documented ? [] : [`${entry}: ${exported.name}`];
  });
}

describe('doc comments of the exported API', () => {
  it('every name exported by the running and generator entries has a doc comment', () => {
    const program = ts.createProgram(
      entries.map((entry) => resolve(entry)),
      {
        module: ts.ModuleKind.NodeNext,
        moduleResolution: ts.ModuleResolutionKind.NodeNext,
        target: ts.ScriptTarget.ES2022,
        noEmit: true,
        skipLibCheck: true,
      },
    );
    expect(entries.flatMap((entry) => undocumented(program, entry))).toEqual([]);
  }, 60_000);
});
