/**
 * Finds the domain's verbs by their types: every exported function of `shared/domain/*.ts`
 * whose return type mentions `Change<…>` (a change to persist with its audit events). Tests use
 * it to make sure no verb escapes a table of expectations.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/** The verbs of the domain as `file#name` (e.g. `application.ts#editApplication`), sorted. */
export function changeVerbs(domainDirectory: string): string[] {
  const files = readdirSync(domainDirectory)
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(domainDirectory, name));
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    target: ts.ScriptTarget.ES2022,
    strict: true,
    skipLibCheck: true,
    noEmit: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const verbs: string[] = [];
  for (const file of files) {
    const source = program.getSourceFile(file);
    const module = source && checker.getSymbolAtLocation(source);
    if (!module) throw new Error(`cannot read the exports of ${file}`);
    for (const symbol of checker.getExportsOfModule(module)) {
      const declaration = symbol.valueDeclaration;
      if (!declaration) continue;
      const signatures = checker.getTypeOfSymbolAtLocation(symbol, declaration).getCallSignatures();
      const returnsChange = signatures.some((signature) => /\bChange</.test(checker.typeToString(checker.getReturnTypeOfSignature(signature), undefined, ts.TypeFormatFlags.NoTruncation)));
      if (returnsChange) verbs.push(`${file.slice(domainDirectory.length + 1)}#${symbol.name}`);
    }
  }
  return verbs.sort();
}
