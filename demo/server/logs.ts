/**
 * Tenant logs (E14), shaped like Auth0's log events (`type`, `description`, `client_id`, ...), searchable at
 * `GET /__emulator/logs?q=` with the syntax of `log-query.ts`.
 *
 * Both what is kept and what a search runs over are bounded: the newest `MAX_LOG_ENTRIES` entries, each text
 * field cut at `MAX_LOG_VALUE_LENGTH` characters, so that neither memory nor one search can grow without end.
 */
import { matchesSearchable, parseLogQuery, searchableFields } from './log-query'

/**
 * The log event types the emulator writes, with Auth0's codes and names. A login by any path (link, hosted
 * page, cross-origin ticket, OTP grant) is logged as `s` or `f`; the description says which path it took.
 */
export const LOG_TYPES = {
  cls: 'Code/Link Sent',
  cs: 'Code Sent',
  s: 'Success Login',
  f: 'Failed Login',
  depnote: 'Deprecation Notice',
  pla: 'Pre-Login Assessment',
  api_limit: 'Rate Limit on the Authentication API',
  limit_wc: 'Blocked Account',
  scoa: 'Success cross-origin authentication',
  fcoa: 'Failed cross-origin authentication',
  seccft: 'Success Exchange (Authorization Code for Access Token)',
  feccft: 'Failed Exchange (Authorization Code for Access Token)',
  seotpft: 'Success Exchange (Password and OTP Challenge for Access Token)',
  feotpft: 'Failed Exchange (Password and OTP Challenge for Access Token)',
  seoobft: 'Success Exchange (Password and OOB Challenge for Access Token)',
  feoobft: 'Failed Exchange (Password and OOB Challenge for Access Token)',
  sercft: 'Success Exchange (Password and MFA Recovery code for Access Token)',
  fercft: 'Failed Exchange (Password and MFA Recovery code for Access Token)',
  gd_send_sms: 'SMS Sent',
  gd_send_pn: 'Push notification sent',
  gd_otp_rate_limit_exceed: 'Too many failures',
} as const
export type LogType = keyof typeof LOG_TYPES

export interface LogEntry {
  log_id: string
  date: string
  type: LogType
  type_name: string
  description: string
  client_id?: string
  client_name?: string
  connection?: string
  user_name?: string
  user_id?: string
  /** The address the request counted for: the caller's, or a trusted `auth0-forwarded-for`. */
  ip: string
  /** The request's `User-Agent` header as sent ('' without one); Auth0 shows it parsed, the emulator raw. */
  user_agent: string
}

/** How many entries are kept; the oldest go first. A developer's session writes far fewer. */
export const MAX_LOG_ENTRIES = 2_000
/** Text fields longer than this are cut (with an ellipsis) when written. */
export const MAX_LOG_VALUE_LENGTH = 500

/** An entry as written; the routes build theirs with `logEntry` (log-entry.ts). */
export type NewLogEntry = Omit<LogEntry, 'log_id' | 'date' | 'type_name'>

interface StoredEntry {
  entry: LogEntry
  /** The same fields in lower case, made once when written, for searches. */
  searchable: ReadonlyMap<string, string>
}

export class TenantLogs {
  readonly #entries: StoredEntry[] = []
  readonly #now: () => number
  readonly #newId: () => string

  constructor(now: () => number, newId: () => string) {
    this.#now = now
    this.#newId = newId
  }

  write(entry: NewLogEntry): LogEntry {
    const stored: LogEntry = {
      log_id: this.#newId(),
      date: new Date(this.#now()).toISOString(),
      type_name: LOG_TYPES[entry.type],
      ...(Object.fromEntries(
        Object.entries(entry).map(([name, value]) => [name, bounded(value)]),
      ) as NewLogEntry),
    }
    this.#entries.push({ entry: stored, searchable: searchableFields({ ...stored }) })
    if (this.#entries.length > MAX_LOG_ENTRIES)
      this.#entries.splice(0, this.#entries.length - MAX_LOG_ENTRIES)
    return stored
  }

  /**
   * Newest first, filtered by an optional query.
   * @throws LogQueryError when the query cannot be parsed.
   */
  search(query?: string): LogEntry[] {
    const terms = query === undefined || query.trim() === '' ? [] : parseLogQuery(query)
    const found: LogEntry[] = []
    for (let index = this.#entries.length - 1; index >= 0; index -= 1) {
      const stored = this.#entries[index] as StoredEntry
      if (matchesSearchable(stored.searchable, terms)) found.push({ ...stored.entry })
    }
    return found
  }

  clear(): void {
    this.#entries.length = 0
  }
}

function bounded(value: unknown): unknown {
  return typeof value === 'string' && value.length > MAX_LOG_VALUE_LENGTH
    ? `${value.slice(0, MAX_LOG_VALUE_LENGTH - 1)}…`
    : value
}
