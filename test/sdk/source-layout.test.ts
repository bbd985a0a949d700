/**
 * The layout of src/: folders by layer, no import cycles, no file over 300 lines, and code that a server
 * entry can share kept clear of the browser. Imports are read with TypeScript's own pre-processor, type-only
 * imports included: a cycle of types is still a cycle for a reader.
 */
import { readFileSync, readdirSync } from 'node:fs'
import { dirname, join, normalize } from 'node:path'
import { fileURLToPath } from 'node:url'
import ts from 'typescript'
import { describe, expect, test } from 'vitest'

const SRC = fileURLToPath(new URL('../../src/', import.meta.url))

/** src/-relative paths of every module, such as `core/errors.ts`. */
const modules = readdirSync(SRC, { recursive: true, encoding: 'utf8' })
  .filter((file) => file.endsWith('.ts'))
  .map((file) => file.split('\\').join('/'))
  .sort()

const sourceOf = (module: string) => readFileSync(join(SRC, module), 'utf8')

/** The src/ modules a module imports (relative imports only; packages are left out). */
function importsOf(module: string): string[] {
  const { importedFiles } = ts.preProcessFile(sourceOf(module), true, true)
  const relativeNames = importedFiles.map(({ fileName }) => fileName).filter((name) => name.startsWith('.'))
  // A module imported twice (a value and a type) counts once.
  return [...new Set(relativeNames)].map((name) =>
    normalize(join(dirname(module), `${name}.ts`))
      .split('\\')
      .join('/'),
  )
}

const graph = new Map(modules.map((module) => [module, importsOf(module)]))

/** The first import cycle found, as the list of modules around it; `undefined` when there is none. */
function findCycle(edges: ReadonlyMap<string, readonly string[]>): string[] | undefined {
  const done = new Set<string>()
  const path: string[] = []
  const visit = (module: string): string[] | undefined => {
    const at = path.indexOf(module)
    if (at >= 0) return [...path.slice(at), module]
    if (done.has(module)) return undefined
    path.push(module)
    for (const next of edges.get(module) ?? []) {
      const cycle = visit(next)
      if (cycle) return cycle
    }
    path.pop()
    done.add(module)
    return undefined
  }
  for (const module of edges.keys()) {
    const cycle = visit(module)
    if (cycle) return cycle
  }
  return undefined
}

/** Every module `module` reaches through its imports, itself excluded. */
function reachableFrom(module: string): Set<string> {
  const seen = new Set<string>()
  const queue = [...(graph.get(module) ?? [])]
  while (queue.length > 0) {
    const next = queue.pop()!
    if (seen.has(next)) continue
    seen.add(next)
    queue.push(...(graph.get(next) ?? []))
  }
  return seen
}

// Layers, lowest first: a module imports its own layer or lower ones only. core/, input/ and token/ are one
// layer: options are checked with the input rules, the context holds the JWKS cache, and the cycle check
// keeps their modules apart. ui/ draws on the page (the captcha) with what the flows fetch, for the api/
// facade to call. api/types.ts holds the public types, which every layer names. server/ is the server entry's
// own API, beside api/.
const LAYERS = [['lib'], ['core', 'input', 'token'], ['flows'], ['ui'], ['api', 'server'], ['index.ts']]
const PUBLIC_TYPES = 'api/types.ts'
const layerOf = (module: string) => LAYERS.findIndex((folders) => folders.includes(module.split('/')[0]!))

// What the server entry (src/server/, a backend client) reuses beside the browser entry: errors, HTTP, ID
// token verification, the input rules, the tenant's origin rule and the error funnel. None of it may import
// the browser client's modules (the page, the transaction store, the context, the flows, the WebAuth facade).
const SHARED = [
  'lib/',
  'input/',
  'token/',
  'core/errors.ts',
  'core/http.ts',
  'core/options.ts',
  'core/version.ts',
  'core/web-crypto.ts',
  'api/settle.ts',
]
const isShared = (module: string) =>
  module === PUBLIC_TYPES || SHARED.some((prefix) => module.startsWith(prefix))

// Globals that exist in a page only. They are read in the page and transaction modules, and in ui/, whose
// one job is to draw the captcha into the page's document and to load a widget's script (whose API it finds
// on `window`); the rest runs anywhere.
const BROWSER_GLOBALS = new Set([
  'window',
  'document',
  'location',
  'history',
  'sessionStorage',
  'localStorage',
  'navigator',
])
// server/environment.ts reads `window` and `document` only to refuse to run in a page.
const READS_BROWSER_GLOBALS = [
  'core/page.ts',
  'core/transactions.ts',
  'server/environment.ts',
  'ui/widgets.ts',
]

/** The browser globals a module reads: free identifiers and `globalThis.<name>`, not property names. */
function browserGlobalsIn(module: string): string[] {
  const file = ts.createSourceFile(module, sourceOf(module), ts.ScriptTarget.Latest, true)
  const found = new Set<string>()
  const visit = (node: ts.Node): void => {
    if (ts.isIdentifier(node) && BROWSER_GLOBALS.has(node.text)) {
      const parent = node.parent
      const isPropertyName =
        (ts.isPropertyAccessExpression(parent) &&
          parent.name === node &&
          parent.expression.getText() !== 'globalThis') ||
        ((ts.isPropertyAssignment(parent) ||
          ts.isPropertySignature(parent) ||
          ts.isMethodSignature(parent)) &&
          parent.name === node)
      if (!isPropertyName) found.add(node.text)
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return [...found]
}

describe('src/ layout', () => {
  test('has modules in every layer folder', () => {
    for (const folder of ['api', 'flows', 'ui', 'core', 'input', 'token', 'lib', 'server']) {
      expect(
        modules.some((module) => module.startsWith(`${folder}/`)),
        folder,
      ).toBe(true)
    }
    expect(modules.filter((module) => !module.includes('/'))).toEqual(['index.ts'])
  })

  test('every import resolves to a module of src/', () => {
    for (const [module, imports] of graph) {
      for (const imported of imports) expect(modules, `${module} imports ${imported}`).toContain(imported)
    }
  })

  test('no module is longer than 300 lines', () => {
    const long = modules.filter((module) => sourceOf(module).split('\n').length > 300)
    expect(long).toEqual([])
  })

  test('has no import cycle', () => {
    expect(findCycle(graph)).toBeUndefined()
  })

  test('the cycle check finds a cycle, and names the modules in it', () => {
    const edges = new Map([
      ['a.ts', ['b.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', ['b.ts']],
    ])
    expect(findCycle(edges)).toEqual(['b.ts', 'c.ts', 'b.ts'])
    expect(
      findCycle(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toBeUndefined()
  })

  test('no module imports a higher layer (the public types excepted)', () => {
    const upward: string[] = []
    for (const [module, imports] of graph) {
      for (const imported of imports) {
        if (imported !== PUBLIC_TYPES && layerOf(imported) > layerOf(module))
          upward.push(`${module} → ${imported}`)
      }
    }
    expect(upward).toEqual([])
  })

  test('lib/ is self-contained, and the public types name nothing but the error', () => {
    for (const module of modules.filter((each) => each.startsWith('lib/'))) {
      expect(
        graph.get(module)!.every((imported) => imported.startsWith('lib/')),
        module,
      ).toBe(true)
    }
    expect(graph.get(PUBLIC_TYPES)).toEqual(['core/errors.ts'])
  })

  test('code a server entry can share reaches no browser-only module', () => {
    const leaks: string[] = []
    for (const module of modules.filter(isShared)) {
      for (const reached of reachableFrom(module)) {
        if (!isShared(reached)) leaks.push(`${module} → ${reached}`)
      }
    }
    expect(leaks).toEqual([])
  })

  test('the server entry reaches shared modules and its own only, and the browser entry none of its own', () => {
    const leaks: string[] = []
    for (const module of modules.filter((each) => each.startsWith('server/'))) {
      for (const reached of reachableFrom(module)) {
        if (!isShared(reached) && !reached.startsWith('server/')) leaks.push(`${module} → ${reached}`)
      }
    }
    expect(leaks).toEqual([])
    const browserReach = [...reachableFrom('index.ts')].filter((module) => module.startsWith('server/'))
    expect(browserReach).toEqual([])
  })

  test("browser globals are read in the page and transaction modules, ui/ and the server entry's page check only", () => {
    const readers = modules.filter((module) => browserGlobalsIn(module).length > 0)
    expect(readers).toEqual(READS_BROWSER_GLOBALS)
  })
})
