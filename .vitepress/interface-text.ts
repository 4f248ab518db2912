/**
 * The declaration of an interface, printed without comments: what a type hover shows for a CRI
 * message such as `RunPodSandboxRequest`. The compiler's hover text for an interface is only
 * `interface RunPodSandboxRequest`, which twoslash's renderer drops as saying nothing; its
 * fields are what a reader wants to see.
 *
 * The name is looked up the way the file itself sees it: declared in the file, or imported by
 * a relative path from a file that declares it. Two interfaces may share a name (the CRI's
 * `Container` and the Pod API's), so a name is never looked up anywhere else; one imported from
 * a package (kubernetes-types) gets nothing rather than a wrong guess.
 */
import { readFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import ts from 'typescript'

const parsed = new Map<string, ts.SourceFile>()

function sourceOf(file: string): ts.SourceFile {
  let source = parsed.get(file)
  if (!source) parsed.set(file, (source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, false)))
  return source
}

const printer = ts.createPrinter({ removeComments: true })

function declaredIn(source: ts.SourceFile, name: string): string | undefined {
  for (const statement of source.statements) {
    if (!ts.isInterfaceDeclaration(statement) || statement.name.text !== name) continue
    // Without `export`: the hover is about the shape, as an editor shows it.
    const bare = ts.factory.updateInterfaceDeclaration(statement, undefined, statement.name, statement.typeParameters, statement.heritageClauses, statement.members)
    return printer.printNode(ts.EmitHint.Unspecified, bare, source)
  }
  return undefined
}

/** The relative module `file` imports `name` from (under its own name), if it does. */
function importedFrom(source: ts.SourceFile, name: string): string | undefined {
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue
    const bindings = statement.importClause?.namedBindings
    if (!bindings || !ts.isNamedImports(bindings)) continue
    if (bindings.elements.some((element) => element.name.text === name && !element.propertyName)) {
      const specifier = statement.moduleSpecifier.text
      return specifier.startsWith('.') ? resolve(dirname(source.fileName), specifier) : undefined
    }
  }
  return undefined
}

export function interfaceText(file: string, name: string): string | undefined {
  const source = sourceOf(file)
  const own = declaredIn(source, name)
  if (own !== undefined) return own
  const from = importedFrom(source, name)
  return from === undefined ? undefined : declaredIn(sourceOf(from), name)
}
