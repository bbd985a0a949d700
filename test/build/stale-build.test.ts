import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { staleReason } from '../support/build-dist'

// When the build tests' global setup rebuilds dist/: missing, or older than anything it is built from.

const outputs = [
  'dist/passwordless-webauth.mjs',
  'dist/passwordless-webauth.umd.cjs',
  'dist/passwordless-webauth.umd.min.js',
  'dist/index.d.ts',
  'dist/index.d.cts',
]
let root: string
// Folders made by the test bear the time they were made (a deleted source counts as a change, through its
// folder): the build is dated after that, the changes after the build.
const BUILT = Date.now() / 1000 + 100
const BEFORE = BUILT - 1000
const AFTER = BUILT + 100

afterEach(() => {
  rmSync(root, { recursive: true, force: true })
})

function write(path: string, seconds: number): void {
  const file = join(root, path)
  mkdirSync(dirname(file), { recursive: true })
  writeFileSync(file, '')
  utimesSync(file, seconds, seconds)
}

function project(built: number, sources: number): void {
  root = mkdtempSync(join(tmpdir(), 'stale-build-'))
  write('src/core/deep/module.ts', sources)
  write('package.json', sources)
  for (const output of outputs) write(output, built)
}

describe('the build tests rebuild dist/', () => {
  test('when an output is missing', () => {
    project(BUILT, BEFORE)
    rmSync(join(root, 'dist/index.d.cts'))
    expect(staleReason(root)).toBe('dist/index.d.cts is missing')
  })

  test('when a source, however deep, changed after the build', () => {
    project(BUILT, BEFORE)
    write('src/core/deep/module.ts', AFTER)
    expect(staleReason(root)).toBe('src changed since the last build')
  })

  test('when the lockfile changed (the bundled dependencies)', () => {
    project(BUILT, BEFORE)
    write('package-lock.json', AFTER)
    expect(staleReason(root)).toBe('package-lock.json changed since the last build')
  })

  test('not when every output is newer than every input', () => {
    project(BUILT, BEFORE)
    expect(staleReason(root)).toBeUndefined()
  })
})
