import { existsSync, readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { APPS, OUR_ESM, OUR_UMD, ROOT, buildApp, measureBytes, measureFile } from '../../bench/lib/bundles'

// Size budgets, in bytes after gzip (Node's zlib at level 9). Deterministic: no timing here; the timings
// live in `npm run bench`.
//
// The budgets are what the given stack allows: ky and zod/mini are bundled in the UMD (about 3,500 and
// 3,100 bytes of it), and the SDK's own code fits in the rest. A change that needs more bytes wins them back
// elsewhere; a budget is never raised to make a change pass.
const UMD_BUDGET = 16_500
const START_ONLY_BUDGET = 13_500

function requireBuilt(path: string): void {
  if (!existsSync(fileURLToPath(new URL(path, `file://${ROOT}`)))) {
    throw new Error(`${path} is missing: run npm run build first (npm test builds before vitest runs)`)
  }
}

const format = (bytes: number) => bytes.toLocaleString('en-US')

describe('bundle size budgets', () => {
  test(`the minified UMD, everything bundled, is at most ${format(UMD_BUDGET)} bytes gzip`, () => {
    requireBuilt(OUR_UMD)
    const { gzip } = measureFile(OUR_UMD)
    expect(gzip, `${OUR_UMD} is ${format(gzip)} bytes gzip`).toBeLessThanOrEqual(UMD_BUDGET)
  })

  test(
    `a start-only app (bench/apps/ours-start.js), dependencies included, is at most ${format(START_ONLY_BUDGET)} bytes gzip`,
    { timeout: 60_000 },
    async () => {
      requireBuilt(OUR_ESM)
      const { code } = await buildApp(APPS.start.ours)
      const { gzip } = measureBytes(code)
      expect(gzip, `the start-only app is ${format(gzip)} bytes gzip`).toBeLessThanOrEqual(START_ONLY_BUDGET)
    },
  )
})

// S15: the server entry is a second input of the build, never part of the browser's: its modules are in none
// of the browser bundles (their source maps list every module they hold), so it adds no byte to them.
describe('the server entry adds nothing to the browser bundles (S15)', () => {
  test.each([OUR_UMD, OUR_ESM, 'dist/passwordless-webauth.umd.cjs'])(
    '%s holds no module of src/server/',
    (path) => {
      requireBuilt(`${path}.map`)
      const { sources } = JSON.parse(readFileSync(`${ROOT}${path}.map`, 'utf8')) as { sources: string[] }
      expect(sources.length).toBeGreaterThan(10)
      expect(sources.filter((source) => source.includes('src/server/'))).toEqual([])
      expect(readFileSync(`${ROOT}${path}`, 'utf8')).not.toContain('mfa_token')
    },
  )
})
