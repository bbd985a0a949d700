import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'

// The global setup of the build tests (test/budgets, test/build, test/package): they read dist/, so dist/ is
// built first when it is missing or older than what it is built from. A fresh clone's `npx vitest run` then
// tests a build of its own sources instead of failing for want of one, and a budget is never measured on a
// build of yesterday's code. `npm test` builds before vitest runs, so there this finds dist/ current.

const ROOT = fileURLToPath(new URL('../..', import.meta.url))
/** What the build writes and the build tests read; rollup writes them all in one run. */
const OUTPUTS = [
  'dist/passwordless-webauth.mjs',
  'dist/passwordless-webauth.umd.cjs',
  'dist/passwordless-webauth.umd.min.js',
  'dist/index.d.ts',
  'dist/index.d.cts',
]
/** What the build reads: the sources, its configuration, and the dependencies it bundles. */
const INPUTS = ['src', 'rollup.config.mjs', 'tsconfig.json', 'package.json', 'package-lock.json']

function newestChange(path: string): number {
  const stats = statSync(path)
  if (!stats.isDirectory()) return stats.mtimeMs
  return Math.max(stats.mtimeMs, ...readdirSync(path).map((name) => newestChange(join(path, name))))
}

/** Why dist/ must be built, or undefined when it is current. */
export function staleReason(root = ROOT): string | undefined {
  const missing = OUTPUTS.find((output) => !existsSync(join(root, output)))
  if (missing) return `${missing} is missing`
  const built = Math.min(...OUTPUTS.map((output) => statSync(join(root, output)).mtimeMs))
  const changed = INPUTS.filter((input) => existsSync(join(root, input))).find(
    (input) => newestChange(join(root, input)) > built,
  )
  return changed && `${changed} changed since the last build`
}

export function setup(): void {
  const reason = staleReason()
  if (!reason) return
  // One line, so that the seconds the build takes are explained.
  process.stdout.write(`dist/ is stale (${reason}): building it before the build tests\n`)
  const build = spawnSync('npx', ['rollup', '-c', 'rollup.config.mjs', '--silent'], {
    cwd: ROOT,
    stdio: 'inherit',
  })
  if (build.status !== 0) {
    throw new Error(
      'npx rollup -c rollup.config.mjs failed: test/budgets, test/build and test/package need dist/',
    )
  }
}
