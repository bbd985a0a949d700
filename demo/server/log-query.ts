/**
 * A small parser for the tenant log search syntax (a subset of Auth0's Lucene syntax): terms `field:value`,
 * `*` as a wildcard, quoted values, and `AND` (also implied between terms). Enough for
 * `type:depnote AND description:*passwordless*`.
 *
 * The search runs on the server's only thread, so a slow query stalls every other route (JWKS included).
 * Wildcards are therefore never turned into a regular expression (`.*a.*a.*Z` backtracks exponentially on a
 * long value); `globMatch` finds them in linear time, and the query itself is bounded (length and terms).
 */
import { Problem } from './problem'

/** The longest query accepted, in characters. Auth0's own queries fit well within this. */
export const MAX_QUERY_LENGTH = 256
/** The most terms one query may have. */
export const MAX_QUERY_TERMS = 10

export interface QueryTerm {
  /** Undefined for a bare value, which matches when any field contains it. */
  field?: string
  /** The value in lower case, `*` standing for any run of characters. */
  pattern: string
}

/** A query the parser refuses: answered by `GET /__emulator/logs` as 400 `bad.query` with this description. */
export class LogQueryError extends Problem {
  override readonly name: string = 'LogQueryError'

  constructor(description: string) {
    super(400, 'bad.query', description)
  }
}

/**
 * Parses a query into terms that must all match.
 * @throws LogQueryError on unbalanced quotes, `OR`/`NOT`, an empty field or value, or a query over the bounds.
 */
export function parseLogQuery(query: string): QueryTerm[] {
  if (query.length > MAX_QUERY_LENGTH) {
    throw new LogQueryError(`the query is longer than ${MAX_QUERY_LENGTH} characters`)
  }
  const terms: QueryTerm[] = []
  for (const token of tokenize(query)) {
    const upper = token.toUpperCase()
    if (upper === 'AND') continue
    if (upper === 'OR' || upper === 'NOT')
      throw new LogQueryError(`"${token}" is not supported; terms are joined by AND`)
    if (terms.length === MAX_QUERY_TERMS) {
      throw new LogQueryError(`the query has more than ${MAX_QUERY_TERMS} terms`)
    }
    const colon = token.indexOf(':')
    if (colon === -1) {
      terms.push({ pattern: `*${unquote(token)}*`.toLowerCase() })
      continue
    }
    const field = token.slice(0, colon)
    const value = unquote(token.slice(colon + 1))
    if (field === '' || value === '') throw new LogQueryError(`"${token}" needs both a field and a value`)
    terms.push({ field, pattern: value.toLowerCase() })
  }
  return terms
}

/** Whether a log entry satisfies every term; values are compared without regard to case. */
export function matchesQuery(entry: Readonly<Record<string, unknown>>, terms: readonly QueryTerm[]): boolean {
  return matchesSearchable(searchableFields(entry), terms)
}

/**
 * An entry's fields as lower-case text, without the absent ones: what `matchesSearchable` reads. Made once
 * per entry, so that a query's terms do not lower-case the same text again and again.
 */
export function searchableFields(entry: Readonly<Record<string, unknown>>): ReadonlyMap<string, string> {
  const fields = new Map<string, string>()
  for (const [name, value] of Object.entries(entry)) {
    if (value !== undefined && value !== null) fields.set(name, String(value).toLowerCase())
  }
  return fields
}

/** `matchesQuery` over fields already made searchable. */
export function matchesSearchable(fields: ReadonlyMap<string, string>, terms: readonly QueryTerm[]): boolean {
  return terms.every((term) => {
    if (term.field === undefined) {
      for (const value of fields.values()) if (globMatch(term.pattern, value)) return true
      return false
    }
    const value = fields.get(term.field)
    return value !== undefined && globMatch(term.pattern, value)
  })
}

/**
 * Whether `text` matches `pattern` as a whole, `*` standing for any run of characters (none included).
 *
 * The pattern is cut at its stars into literal pieces: the first must start the text, the last must end it,
 * and each piece between is looked for from where the previous one ended. Taking the leftmost place for each
 * piece is always right for star-only patterns (a later place only leaves less room for the rest), so no
 * piece is ever looked for twice: the work grows with the length of the text, never exponentially.
 */
export function globMatch(pattern: string, text: string): boolean {
  const pieces = pattern.split('*')
  const first = pieces[0] ?? ''
  if (pieces.length === 1) return text === first
  const last = pieces[pieces.length - 1] ?? ''
  if (first.length + last.length > text.length) return false
  if (!text.startsWith(first) || !text.endsWith(last)) return false
  let position = first.length
  const end = text.length - last.length
  for (let index = 1; index < pieces.length - 1; index += 1) {
    const piece = pieces[index] ?? ''
    if (piece === '') continue
    const found = text.indexOf(piece, position)
    if (found === -1 || found + piece.length > end) return false
    position = found + piece.length
  }
  return true
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
