import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { ROOT } from '../support/packed-package'

// The API reference is generated from the TSDoc of src/ by `npm run docs:api` (TypeDoc, docs/typedoc.json).
// This runs the same build into a temporary folder and fails on any warning: a {@link} that leads nowhere, a
// public type that names one the package does not export, a tag TypeDoc does not know.

const TYPEDOC = join(ROOT, 'node_modules', 'typedoc', 'bin', 'typedoc')
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g

let out = ''
let run: { status: number | null; log: string[] }

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'pwa-api-'))
  const result = spawnSync(process.execPath, [TYPEDOC, '--options', 'docs/typedoc.json', '--out', out], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
  })
  const log = `${result.stdout}\n${result.stderr}`
    .replace(ANSI, '')
    .split('\n')
    .filter((line) => line.trim() !== '')
  run = { status: result.status, log }
}, 120_000)

afterAll(() => rmSync(out, { recursive: true, force: true }))

describe('the API reference (npm run docs:api)', () => {
  test('TypeDoc reports no warning and no error', () => {
    const problems = run.log.filter(
      (line) =>
        /^\[(warning|error)\]/.test(line) &&
        !/^\[(warning|error)\] Found \d+ errors? and \d+ warnings?/.test(line),
    )
    expect(problems, run.log.join('\n')).toEqual([])
    expect(run.status, run.log.join('\n')).toBe(0)
  })

  // Two entry points, so each page's name starts with its module: `index.` (the browser SDK), `server.`.
  test('documents the public API of both entries: the class, the functions, the error and the option types', () => {
    for (const page of [
      'index.html',
      'classes/index.WebAuth.html',
      'classes/index.WebAuthError.html',
      'functions/index.createClient.html',
      'functions/index.passwordlessStart.html',
      'functions/index.handleRedirectCallback.html',
      'functions/index.fromUniversalLoginConfig.html',
      'interfaces/index.WebAuthOptions.html',
      'types/index.PasswordlessStartOptions.html',
      'variables/index.ErrorCode.html',
      'functions/server.createServerClient.html',
      'functions/server.isMfaRequired.html',
      'interfaces/server.ServerClient.html',
      'interfaces/server.MfaApi.html',
      'types/server.MfaVerifyOptions.html',
    ]) {
      expect(existsSync(join(out, page)), page).toBe(true)
    }
  })
})
