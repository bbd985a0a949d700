/**
 * A small parser for the tenant log search syntax (a subset of Auth0's Lucene syntax): terms `field:value`,
 * `*` as a wildcard, quoted values, and `AND` (also implied between terms). Enough for
 * `type:depnote AND description:*passwordless*`.
 */

export interface QueryTerm {
  /** Undefined for a bare value, which matches when any field contains it. */
  field?: string
  pattern: RegExp
}

export class LogQueryError extends Error {
  override readonly name = 'LogQueryError'
}

/**
 * Parses a query into terms that must all match.
 * @throws LogQueryError on unbalanced quotes, `OR`/`NOT`, or an empty field or value.
 */
export function parseLogQuery(query: string): QueryTerm[] {
  const terms: QueryTerm[] = []
  for (const token of tokenize(query)) {
    const upper = token.toUpperCase()
    if (upper === 'AND') continue
    if (upper === 'OR' || upper === 'NOT')
      throw new LogQueryError(`"${token}" is not supported; terms are joined by AND`)
    const colon = token.indexOf(':')
    if (colon === -1) {
      terms.push({ pattern: wildcardToRegExp(`*${unquote(token)}*`) })
      continue
    }
    const field = token.slice(0, colon)
    const value = unquote(token.slice(colon + 1))
    if (field === '' || value === '') throw new LogQueryError(`"${token}" needs both a field and a value`)
    terms.push({ field, pattern: wildcardToRegExp(value) })
  }
  return terms
}

/** Whether a log entry satisfies every term; values are compared without regard to case. */
export function matchesQuery(entry: Readonly<Record<string, unknown>>, terms: readonly QueryTerm[]): boolean {
  return terms.every((term) => {
    if (term.field === undefined)
      return Object.values(entry).some((value) => term.pattern.test(String(value)))
    const value = entry[term.field]
    return value !== undefined && value !== null && term.pattern.test(String(value))
  })
}

function tokenize(query: string): string[] {
  const tokens: string[] = []
  let current = ''
  let quoted = false
  for (const char of query.trim()) {
    if (char === '"') quoted = !quoted
    if (/\s/.test(char) && !quoted) {
      if (current !== '') tokens.push(current)
      current = ''
    } else {
      current += char
    }
  }
  if (quoted) throw new LogQueryError('unbalanced quote in query')
  if (current !== '') tokens.push(current)
  return tokens
}

function unquote(value: string): string {
  return value.length >= 2 && value.startsWith('"') && value.endsWith('"') ? value.slice(1, -1) : value
}

function wildcardToRegExp(value: string): RegExp {
  const escaped = value
    .split('*')
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
    .join('.*')
  return new RegExp(`^${escaped}$`, 'is')
}
