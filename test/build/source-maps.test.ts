import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { encode } from '@jridgewell/sourcemap-codec'
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping'
import { describe, expect, test } from 'vitest'
import { keepSources } from '../../scripts/sourcemap-own-sources.mjs'
import { ROOT } from '../support/packed-package'

// The shipped source maps show the SDK's TypeScript in an app's debugger without the package shipping src/:
// every source is embedded, and the UMD maps carry no copy of ky's and zod's code.
const builds = [
  'dist/passwordless-webauth.mjs',
  'dist/passwordless-webauth.umd.cjs',
  'dist/passwordless-webauth.umd.min.js',
]

interface RawMap {
  sources: string[]
  sourcesContent?: (string | null)[]
  names: string[]
  mappings: string
}

function readBuild(path: string): { code: string; map: RawMap } {
  const file = join(ROOT, path)
  if (!existsSync(file))
    throw new Error(`${path} is missing: run npm run build first (npm test builds before vitest runs)`)
  return {
    code: readFileSync(file, 'utf8'),
    map: JSON.parse(readFileSync(`${file}.map`, 'utf8')) as RawMap,
  }
}

/** Where `needle` first occurs in `code`, traced back through `map`. */
function traceText(code: string, map: RawMap, needle: string) {
  const at = code.indexOf(needle)
  expect(at, `${needle} is in the bundle`).toBeGreaterThanOrEqual(0)
  const lines = code.slice(0, at).split('\n')
  return originalPositionFor(new TraceMap(map as never), {
    line: lines.length,
    column: lines[lines.length - 1]!.length,
  })
}

describe('source maps', () => {
  test.each(builds)('%s.map embeds the TypeScript of every file it names, as in src/', (path) => {
    const { map } = readBuild(path)
    expect(map.sources.length).toBeGreaterThan(10)
    map.sources.forEach((source, index) => {
      expect(source).toMatch(/^\.\.\/src\/([a-z-]+\/)*[a-z-]+\.ts$/)
      expect(map.sourcesContent?.[index], source).toBe(readFileSync(join(ROOT, 'dist', source), 'utf8'))
    })
  })

  test.each(builds)('%s maps the SDK code back to its TypeScript', (path) => {
    const { code, map } = readBuild(path)
    // The check of the error brand: the same text before and after minification.
    const position = traceText(code, map, 'Symbol.for(')
    expect(position.source).toBe('../src/core/errors.ts')
    const line = readFileSync(join(ROOT, 'src/core/errors.ts'), 'utf8').split('\n')[position.line! - 1]
    expect(line).toContain("Symbol.for('passwordless-webauth.WebAuthError')")
  })

  test.each(builds.slice(1))(
    "%s leaves zod's bundled code unmapped instead of showing it as the SDK's",
    (path) => {
      const { code, map } = readBuild(path)
      expect(traceText(code, map, '"$ZodObject"').source).toBeNull()
    },
  )

  test('keepSources re-indexes the kept sources and marks the others as having no source', () => {
    const map = {
      version: 3,
      sources: ['../node_modules/zod/a.js', '../src/b.ts'],
      sourcesContent: ['zod', 'ours'],
      names: ['z', 'ours'],
      // Line 1: zod, zod again, then ours (with a name); line 2: zod only.
      mappings: encode([
        [
          [0, 0, 0, 0, 0],
          [4, 0, 1, 0],
          [8, 1, 2, 3, 1],
        ],
        [[0, 0, 5, 0]],
      ]),
      x_google_ignoreList: [0],
    }
    const kept = keepSources(map, (source) => !source.includes('node_modules'))
    expect(kept).toEqual({
      version: 3,
      sources: ['../src/b.ts'],
      sourcesContent: ['ours'],
      names: ['ours'],
      mappings: encode([[[0], [8, 0, 2, 3, 0]], [[0]]]),
    })
  })
})
