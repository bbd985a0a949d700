import { execFile } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { createConsumer, ROOT, type Consumer } from '../support/packed-package'
import type { CheckResult } from './type-check'
import { CONSUMERS, consumerFiles } from './typescript-consumers'

// The packed package, installed once, type-checked by a consumer per module resolution mode, with skipLibCheck
// off and on, by the pinned TypeScript and the latest 5.x. Each compiler checks its projects in a process of
// its own, both at once.
const COMPILERS = ['typescript', 'typescript-5'].map((module) => ({
  module,
  version: (createRequire(import.meta.url)(`${module}/package.json`) as { version: string }).version,
}))

const cells = CONSUMERS.flatMap((project) =>
  // skipLibCheck on first: the same project with it off then reuses the parsed files.
  [true, false].map((skipLibCheck) => ({ project, skipLibCheck, ...consumerFiles(project, skipLibCheck) })),
)

let consumer: Consumer | undefined
const results = new Map<string, CheckResult[]>()

beforeAll(async () => {
  const { devDependencies } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    devDependencies: Record<string, string>
  }
  consumer = createConsumer('typescript-consumers', {}, { '@types/node': devDependencies['@types/node']! })
  for (const cell of cells)
    for (const [file, content] of Object.entries(cell.files)) consumer.write(file, content)
  const tsconfigs = cells.map((cell) => join(consumer!.dir, cell.tsconfig))
  await Promise.all(
    COMPILERS.map(async ({ module }) => {
      const { stdout } = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', join(ROOT, 'test/package/type-check.ts'), module, ...tsconfigs],
        { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 },
      )
      results.set(module, JSON.parse(stdout) as CheckResult[])
    }),
  )
}, 240_000)

afterAll(() => consumer?.remove())

describe.each(COMPILERS)('TypeScript $version', ({ module, version }) => {
  const named = cells.map((cell, index) => ({
    ...cell,
    index,
    name: cell.project.name,
    skip: cell.skipLibCheck ? 'on' : 'off',
  }))
  test.each(named)(
    '$name, skipLibCheck $skip: no errors, and every @ts-expect-error probe fires',
    ({ index, name, skip }) => {
      const result = results.get(module)?.[index]
      const where = `${name}, skipLibCheck ${skip}, TypeScript ${version}`
      expect(result?.version, `${where}: the check did not run`).toBe(version)
      expect(result!.errors, `${where}: errors`).toEqual([])
      expect(result!.probes, `${where}: probes in the consumer`).toBeGreaterThanOrEqual(6)
      expect(result!.fired, `${where}: probes that fired`).toBe(result!.probes)
    },
  )
})
