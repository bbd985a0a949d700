/**
 * Type-checks consumer projects the way `tsc -p <tsconfig>` does, with the TypeScript module given. A project
 * that differs from the one before only in options that leave the program's files alone (`skipLibCheck`)
 * reuses its parsed and bound files, as `tsc --watch` does. Run as a script, it checks in a process of its own.
 */
import { createRequire } from 'node:module'
import { relative } from 'node:path'
import { fileURLToPath } from 'node:url'
import type ts from 'typescript'

/** The TypeScript compiler API; one of several installed versions. */
export type TypeScript = typeof ts

/** What one project's check found. */
export interface CheckResult {
  /** The compiler's version. */
  version: string
  /** Every diagnostic, as `file(line,col): TSnnnn: message` with the file relative to the project. */
  errors: string[]
  /** The `@ts-expect-error` directives in the project's own files. */
  probes: number
  /** Those that fired: a directive with no error under it is itself error TS2578. */
  fired: number
}

// TS2578: "Unused '@ts-expect-error' directive."
const UNUSED_EXPECT_ERROR = 2578

/** Checks each project (a tsconfig.json path) in turn and returns the results in the same order. */
export function checkProjects(typescript: TypeScript, tsconfigPaths: string[]): CheckResult[] {
  let previous: ts.Program | undefined
  return tsconfigPaths.map((tsconfigPath) => {
    const config = readConfig(typescript, tsconfigPath)
    const program = typescript.createProgram({
      rootNames: config.fileNames,
      options: config.options,
      configFileParsingDiagnostics: typescript.getConfigFileParsingDiagnostics(config),
      // TypeScript itself decides what it can reuse: nothing when the resolution options differ.
      ...(previous ? { oldProgram: previous } : {}),
    })
    previous = program
    const diagnostics = typescript.getPreEmitDiagnostics(program)
    const projectDir = typescript.sys.resolvePath(`${tsconfigPath}/..`)
    const ownFiles = program.getRootFileNames().map((name) => program.getSourceFile(name)!)
    const probes = ownFiles.reduce(
      (count, file) => count + (file.text.match(/@ts-expect-error/g)?.length ?? 0),
      0,
    )
    const unused = diagnostics.filter((diagnostic) => diagnostic.code === UNUSED_EXPECT_ERROR).length
    return {
      version: typescript.version,
      errors: diagnostics.map((diagnostic) => formatDiagnostic(typescript, diagnostic, projectDir)),
      probes,
      fired: probes - unused,
    }
  })
}

function readConfig(typescript: TypeScript, tsconfigPath: string): ts.ParsedCommandLine {
  const config = typescript.getParsedCommandLineOfConfigFile(tsconfigPath, undefined, {
    ...typescript.sys,
    onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
      throw new Error(typescript.flattenDiagnosticMessageText(diagnostic.messageText, '\n'))
    },
  })
  if (!config) throw new Error(`${tsconfigPath} could not be read`)
  return config
}

function formatDiagnostic(typescript: TypeScript, diagnostic: ts.Diagnostic, projectDir: string): string {
  const message = typescript.flattenDiagnosticMessageText(diagnostic.messageText, '\n')
  if (!diagnostic.file || diagnostic.start === undefined) return `TS${diagnostic.code}: ${message}`
  const { line, character } = diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start)
  const file = relative(projectDir, diagnostic.file.fileName)
  return `${file}(${line + 1},${character + 1}): TS${diagnostic.code}: ${message}`
}

// Run as a script (`node --import tsx test/package/type-check.ts <typescript module> <tsconfig>...`), it prints
// the results as JSON, so that each TypeScript version can check in a process of its own, side by side.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [moduleName, ...tsconfigPaths] = process.argv.slice(2)
  const typescript = createRequire(import.meta.url)(moduleName!) as TypeScript
  process.stdout.write(JSON.stringify(checkProjects(typescript, tsconfigPaths)))
}
