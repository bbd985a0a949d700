import { existsSync, readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'

// S13: the built bundles run under script-src 'self' with no unsafe-eval, so they must contain no code
// that compiles strings or parses HTML. Checked on the files as shipped (dependencies included in the UMD);
// the browser side of the rule (no CSP violation reported) is checked in e2e/bundles.spec.ts.
const bundles = [
  'dist/passwordless-webauth.umd.min.js',
  'dist/passwordless-webauth.umd.cjs',
  'dist/passwordless-webauth.mjs',
]
const forbidden = [
  /\beval\s*\(/,
  /\bFunction\s*\(/,
  /\.innerHTML\b/,
  /\.outerHTML\b/,
  /\binsertAdjacentHTML\b/,
  /document\.write\b/,
]

describe('bundle content (S13)', () => {
  test.each(bundles)('%s compiles no strings and parses no HTML', (path) => {
    if (!existsSync(path))
      throw new Error(`${path} is missing: run npm run build first (npm test builds before vitest runs)`)
    const code = readFileSync(path, 'utf8')
    for (const pattern of forbidden) expect(code, `${path} matches ${pattern}`).not.toMatch(pattern)
  })

  test.each(bundles)(
    '%s names localStorage once: the store of email links’ transactions (S11, S19)',
    (path) => {
      // Tokens and codes never go there (test/sdk/token-storage.test.ts); only an email link's transaction does,
      // so that any tab of the browser completes the link (test/sdk/links.test.ts).
      const code = readFileSync(path, 'utf8')
      expect(code.match(/\.localStorage\b/g)).toEqual(['.localStorage'])
    },
  )
})
