/**
 * Relative links of Markdown documents, and the ones that lead nowhere: a file that is not in the repository,
 * or an `#anchor` that no heading of the target document makes (slugs as GitHub makes them).
 */
import { posix } from 'node:path'

/** A link as written, with the line it is on. */
export interface MarkdownLink {
  line: number
  target: string
}

/** The repository as the check sees it: its files (paths relative to the root) and a way to read one. */
export interface Repository {
  files: ReadonlySet<string>
  read(path: string): string
}

const FENCE = /^\s*(```|~~~)/
const INLINE_LINK = /!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g
const REFERENCE_DEFINITION = /^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)/
const HTML_ATTRIBUTE = /\s(?:href|src)="([^"]+)"/g
const HEADING = /^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$/
const HTML_ANCHOR = /<a\s+(?:id|name)="([^"]+)"/g

/** Each line outside fenced code blocks, with inline code spans blanked; other lines are left empty. */
function proseLines(markdown: string): string[] {
  let inFence = false
  return markdown.split('\n').map((line) => {
    if (FENCE.test(line)) {
      inFence = !inFence
      return ''
    }
    return inFence ? '' : line.replace(/`+[^`]*`+/g, (code) => ' '.repeat(code.length))
  })
}

/** Every link target of a document, absolute or relative, outside code. */
export function markdownLinks(markdown: string): MarkdownLink[] {
  return proseLines(markdown).flatMap((line, index) => {
    const targets = [
      ...[...line.matchAll(INLINE_LINK)].map((match) => match[1]!),
      ...[...line.matchAll(HTML_ATTRIBUTE)].map((match) => match[1]!),
      ...(REFERENCE_DEFINITION.exec(line)?.slice(1) ?? []),
    ]
    return targets.map((target) => ({ line: index + 1, target }))
  })
}

/** GitHub's anchor for a heading: lower case, punctuation dropped, each space a hyphen. */
export function headingSlug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/[`*]/g, '')
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
    .replace(/ /g, '-')
}

/** The anchors a document offers: one per heading (repeats numbered as GitHub does), and HTML ids. */
export function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>()
  const seen = new Map<string, number>()
  let inFence = false
  for (const line of markdown.split('\n')) {
    if (FENCE.test(line)) inFence = !inFence
    if (inFence) continue
    for (const [, id] of line.matchAll(HTML_ANCHOR)) anchors.add(id!)
    const heading = HEADING.exec(line)
    if (!heading) continue
    const slug = headingSlug(heading[1]!)
    const count = seen.get(slug) ?? 0
    anchors.add(count === 0 ? slug : `${slug}-${count}`)
    seen.set(slug, count + 1)
  }
  return anchors
}

const isAbsolute = (target: string) => /^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith('//')

/** What is wrong with each relative link of `document`, as `file:line: target (reason)`. */
export function brokenLinks(document: string, repository: Repository): string[] {
  const problems: string[] = []
  for (const { line, target } of markdownLinks(repository.read(document))) {
    if (isAbsolute(target)) continue
    const [rawPath = '', anchor] = target.split('#', 2)
    const path = decodeURIComponent(rawPath.split('?')[0]!)
    const resolved =
      path === ''
        ? document
        : posix.normalize(path.startsWith('/') ? path.slice(1) : posix.join(posix.dirname(document), path))
    const where = `${document}:${line}: ${target}`
    const isDirectory = [...repository.files].some((file) =>
      file.startsWith(`${resolved.replace(/\/$/, '')}/`),
    )
    if (resolved.startsWith('..') || (!repository.files.has(resolved) && !isDirectory)) {
      problems.push(`${where} (no such file in the repository)`)
    } else if (
      anchor !== undefined &&
      resolved.endsWith('.md') &&
      !anchorsOf(repository.read(resolved)).has(anchor)
    ) {
      problems.push(`${where} (no heading makes #${anchor} in ${resolved})`)
    }
  }
  return problems
}
