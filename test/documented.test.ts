/**
 * The API reference (TypeDoc, `npm run docs:api`) and an editor's hover show
 * a name's doc comment: every name that the package's three entry points
 * (`govsim`, `govsim/report`, `govsim/node`, see package.json "exports")
 * export has one, a type as much as a function. Names re-exported through
 * `export *` and `export { … } from` are followed to their declarations.
 */
import { relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const entries = ['src/index.ts', 'src/report/index.ts', 'src/node/index.ts'];

/** Each exported name of `entry` without a doc comment, as `entry: name (declaring file)`. */
function undocumented(program: ts.Program, entry: string): string[] {
  const checker = program.getTypeChecker();
  const file = program.getSourceFile(resolve(entry));
  if (file === undefined) throw new Error(`${entry} is not in the program`);
  const module = checker.getSymbolAtLocation(file);
  if (module === undefined) throw new Error(`${entry} is not a module`);
  return checker.getExportsOfModule(module).flatMap((exported) => {
    const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
    const declarations = symbol.declarations ?? [];
    const documented = declarations.some((declaration) => ts.getJSDocCommentsAndTags(declaration).length > 0);
    const where = declarations[0] === undefined ? '' : ` (${relative(resolve('.'), declarations[0].getSourceFile().fileName)})`;
    return documented ? [] : [`${entry}: ${exported.name}${where}`];
  });
}

describe('doc comments of the exported API', () => {
  it('every name exported by the package entry points has a doc comment', () => {
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
