import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { ROOT } from '../support/packed-package'
import { anchorsOf, brokenLinks, headingSlug, markdownLinks, type Repository } from './markdown-links'

// Every relative link of the project's documents leads to a file of the repository and, with an #anchor, to a
// heading of that document: moving or renaming a section breaks a test, not a reader's click.

// Tracked files and new ones not ignored: a link to a git-ignored file (dist/, docs/api/) would work here and
// nowhere else.
const files = new Set(
  execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: ROOT,
    encoding: 'utf8',
  })
    .split('\n')
    .filter((file) => file !== ''),
)
const repository: Repository = { files, read: (path) => readFileSync(join(ROOT, path), 'utf8') }

const DOCUMENTS = [...files]
  .filter((file) => /^(README|CONTRIBUTING)\.md$|^docs\/[^/]+\.md$|^bench\/README\.md$/.test(file))
  .sort()

describe('relative links in the documents', () => {
  test('the documents are found', () => {
    expect(DOCUMENTS).toEqual(
      expect.arrayContaining([
        'CONTRIBUTING.md',
        'README.md',
        'bench/README.md',
        'docs/emulator.md',
        'docs/migrating-from-auth0js.md',
        'docs/security.md',
      ]),
    )
  })

  test.each(DOCUMENTS)('every relative link of %s leads to a file and heading that exist', (document) => {
    expect(brokenLinks(document, repository)).toEqual([])
  })
})

describe('the link check itself', () => {
  const fixture = (documents: Record<string, string>): Repository => ({
    files: new Set([...Object.keys(documents), 'src/index.ts']),
    read: (path) => documents[path] ?? '',
  })

  test('reports a link to a file that is not in the repository, with its line', () => {
    const repo = fixture({ 'docs/a.md': '# A\n\nSee [b](b.md) and [the code](../src/index.ts).\n' })
    expect(brokenLinks('docs/a.md', repo)).toEqual(['docs/a.md:3: b.md (no such file in the repository)'])
  })

  test('reports an anchor that no heading makes, in the same document or another', () => {
    const repo = fixture({
      'README.md':
        '# Title\n\n## Size and speed\n\n[ok](#size-and-speed) [bad](#size) [other](docs/b.md#nope)\n',
      'docs/b.md': '# B\n',
    })
    expect(brokenLinks('README.md', repo)).toEqual([
      'README.md:5: #size (no heading makes #size in README.md)',
      'README.md:5: docs/b.md#nope (no heading makes #nope in docs/b.md)',
    ])
  })

  test('ignores absolute URLs and anything inside code', () => {
    const markdown =
      '[web](https://example.com) `[x](missing.md)`\n\n```md\n[y](missing.md)\n```\n[z](z.md)\n'
    expect(markdownLinks(markdown).map((link) => link.target)).toEqual(['https://example.com', 'z.md'])
  })

  test('makes anchors as GitHub does: punctuation dropped, code kept, repeats numbered', () => {
    expect(headingSlug("Choices where Auth0's documentation is silent")).toBe(
      'choices-where-auth0s-documentation-is-silent',
    )
    expect(headingSlug('The single-page app (`demo/spa/`)')).toBe('the-single-page-app-demospa')
    expect(headingSlug('`parseHash(options, cb)` → `handleRedirectCallback(url?, options?)`')).toBe(
      'parsehashoptions-cb--handleredirectcallbackurl-options',
    )
    expect([...anchorsOf('## Example\n\n```\n# not a heading\n```\n\n## Example\n')]).toEqual([
      'example',
      'example-1',
    ])
  })
})
