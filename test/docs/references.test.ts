import { execFileSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ROOT } from '../support/packed-package'

// Every rule id the project cites (S1 in a test title, E7 in a module header, D1 in a comment) is defined in
// docs/security.md, and every test file a rule names there exists: the document and the code cannot drift apart.

const RULES_DOC = 'docs/security.md'
const RULE_ID = /\b[SED](?:[1-9][0-9]?)\b/g

const rulesDoc = readFileSync(join(ROOT, RULES_DOC), 'utf8')

/** The rules of docs/security.md: id, and the test files listed under its heading. */
function definedRules(): Map<string, string[]> {
  const rules = new Map<string, string[]>()
  let current: string[] | undefined
  for (const line of rulesDoc.split('\n')) {
    const heading = /^### ([SED][0-9]+) /.exec(line)
    if (heading) rules.set(heading[1]!, (current = []))
    else if (line.startsWith('#')) current = undefined
    const listed = /^- ((?:test|e2e)\/\S+)$/.exec(line)
    if (listed && current) current.push(listed[1]!)
  }
  return rules
}

/** Where each rule id is cited in the tracked files (the rules document aside). */
function citations(): Map<string, string[]> {
  const files = execFileSync('git', ['ls-files'], { cwd: ROOT, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|mts|mjs|js|html|md|json)$/.test(file))
    .filter((file) => file !== RULES_DOC && file !== 'package-lock.json')
  const cited = new Map<string, string[]>()
  for (const file of files) {
    const path = join(ROOT, file)
    // A file deleted in the work tree but still tracked is not cited anywhere.
    if (!existsSync(path)) continue
    for (const [id] of readFileSync(path, 'utf8').matchAll(RULE_ID)) {
      cited.set(id, [...new Set([...(cited.get(id) ?? []), file])])
    }
  }
  return cited
}

describe(`rule ids resolve in ${RULES_DOC}`, () => {
  const rules = definedRules()

  test('the document defines rules, each with at least one test file', () => {
    expect(rules.size).toBeGreaterThan(30)
    const withoutTests = [...rules].filter(([, files]) => files.length === 0).map(([id]) => id)
    expect(withoutTests, 'rules that name no test').toEqual([])
  })

  test('every id cited in the code, tests and docs is defined', () => {
    const undefinedIds = [...citations()]
      .filter(([id]) => !rules.has(id))
      .map(([id, files]) => `${id} in ${files.join(', ')}`)
    expect(undefinedIds).toEqual([])
  })

  test('every test file a rule names exists', () => {
    const missing = [...rules].flatMap(([id, files]) =>
      files.filter((file) => !existsSync(join(ROOT, file))).map((file) => `${id}: ${file}`),
    )
    expect(missing).toEqual([])
  })

  test('every rule is cited by at least one of the tests it names', () => {
    const uncited = [...rules]
      .filter(
        ([id, files]) =>
          !files.some((file) => new RegExp(`\\b${id}\\b`).test(readFileSync(join(ROOT, file), 'utf8'))),
      )
      .map(([id]) => id)
    expect(uncited).toEqual([])
  })
})
