import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, test } from 'vitest'
import { APPS, OUR_ESM, OUR_UMD, ROOT, buildApp, measureBytes, measureFile } from '../../bench/lib/bundles'

// Size budgets, in bytes after gzip (Node's zlib at level 9). Deterministic: no timing here; the timings
// live in `npm run bench`. Lower a budget when the SDK shrinks; never raise one to make a change pass.
const UMD_BUDGET = 14_000
const START_ONLY_BUDGET = 13_000

function requireBuilt(path: string): void {
  if (!existsSync(fileURLToPath(new URL(path, `file://${ROOT}`)))) {
    throw new Error(`${path} is missing: run npm run build first (npm test builds before vitest runs)`)
  }
}

const format = (bytes: number) => bytes.toLocaleString('en-US')

describe('bundle size budgets', () => {
  test(`the minified UMD is at most ${format(UMD_BUDGET)} bytes gzip`, () => {
    requireBuilt(OUR_UMD)
    const { gzip } = measureFile(OUR_UMD)
    expect(
      gzip,
      `${OUR_UMD} is ${format(gzip)} bytes gzip; the budget is ${format(UMD_BUDGET)} (over by ${format(gzip - UMD_BUDGET)})`,
    ).toBeLessThanOrEqual(UMD_BUDGET)
  })

  test(
    `a start-only app (bench/apps/ours-start.js), dependencies included, is at most ${format(START_ONLY_BUDGET)} bytes gzip`,
    { timeout: 60_000 },
    async () => {
      requireBuilt(OUR_ESM)
      const { code } = await buildApp(APPS.start.ours)
      const { gzip } = measureBytes(code)
      expect(
        gzip,
        `the start-only app is ${format(gzip)} bytes gzip; the budget is ${format(START_ONLY_BUDGET)} (over by ${format(gzip - START_ONLY_BUDGET)})`,
      ).toBeLessThanOrEqual(START_ONLY_BUDGET)
    },
  )
})
