import { execFile } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { publint } from 'publint'
import { formatMessage } from 'publint/utils'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { packPackage, ROOT } from '../support/packed-package'

// The two linters packages are judged by, on the tarball npm would publish.

let directory = ''
let tarball = ''

beforeAll(() => {
  directory = mkdtempSync(join(tmpdir(), 'pwa-lint-'))
  tarball = packPackage(directory)
}, 60_000)

afterAll(() => rmSync(directory, { recursive: true, force: true }))

describe('packaging lint of the packed tarball', () => {
  test('publint --strict reports nothing: no error, warning or suggestion', async () => {
    const { messages, pkg } = await publint({
      pack: { tarball: new Uint8Array(readFileSync(tarball)).buffer },
      strict: true,
    })
    expect(messages.map((message) => `${message.type}: ${formatMessage(message, pkg)}`)).toEqual([])
  })

  // attw reads the tarball file given (only `--pack` deletes what it packs). Run in the temporary folder, so
  // that no .attw.json can switch a rule off.
  test('arethetypeswrong finds no problem, in node10, node16 from CJS, node16 from ESM and bundler', async () => {
    const attw = join(ROOT, 'node_modules', '.bin', 'attw')
    const run = await promisify(execFile)(attw, [tarball, '--format', 'json', '--profile', 'strict'], {
      cwd: directory,
      maxBuffer: 64 * 1024 * 1024,
    }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }))
    const report = JSON.parse(run.stdout) as {
      problems: Record<string, Record<string, unknown>[]>
      analysis: {
        entrypoints: Record<string, { resolutions: Record<string, { resolution?: { fileName: string } }> }>
      }
    }
    // A problem without its resolution trace: the kind, the mode and the file say enough.
    const problems = Object.values(report.problems)
      .flat()
      .map(({ trace: _trace, ...problem }) => problem)
    expect(problems).toEqual([])
    // Each mode finds the declarations of its own format: CommonJS for require, ESM for import.
    const types = Object.fromEntries(
      Object.entries(report.analysis.entrypoints['.']!.resolutions).map(([mode, { resolution }]) => [
        mode,
        resolution?.fileName.replace('/node_modules/passwordless-webauth/', ''),
      ]),
    )
    expect(types).toEqual({
      node10: 'dist/index.d.cts',
      'node16-cjs': 'dist/index.d.cts',
      'node16-esm': 'dist/index.d.ts',
      bundler: 'dist/index.d.ts',
    })
  }, 60_000)
})
