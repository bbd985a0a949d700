import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ROOT } from '../support/packed-package'

// The README is for people who use the SDK, and it ships in the package: it stays short, starts with the two
// commands that work in a fresh clone, and sends every other reader to their own document.

const README = readFileSync(join(ROOT, 'README.md'))
const text = README.toString('utf8')
const MAX_BYTES = 15_360

describe('README.md', () => {
  test(`is at most ${MAX_BYTES.toLocaleString('en-US')} bytes`, () => {
    expect(
      README.byteLength,
      `README.md is ${README.byteLength} bytes; move material for contributors to CONTRIBUTING.md, docs/ or bench/README.md`,
    ).toBeLessThanOrEqual(MAX_BYTES)
  })

  test('starts with the set-up commands, exactly as they work', () => {
    const top = text.split('\n').slice(0, 15).join('\n')
    expect(top).toContain('\nnpm install && npm run demo ')
    expect(top).toContain('\nnpm test ')
  })

  test('links to each document written for another reader', () => {
    for (const document of [
      'CONTRIBUTING.md',
      'docs/emulator.md',
      'docs/migrating-from-auth0js.md',
      'docs/security.md',
      'bench/README.md',
    ]) {
      expect(text).toContain(`](${document})`)
    }
  })

  test('says that every WebAuth method takes a callback, and the functions return Promises only', () => {
    expect(text).toMatch(
      /Every method of `WebAuth` \(and `parseHash`, auth0\.js's name for `handleRedirectCallback`\) takes a\s+Node-style\s+callback as its last argument/,
    )
    expect(text).toMatch(/The functions below\s+return Promises only\./)
  })
})
