/**
 * Tenant logs (E14), shaped like Auth0's log events (`type`, `description`, `client_id`, ...), searchable at
 * `GET /__emulator/logs?q=` with the syntax of `log-query.ts`.
 */
import { matchesQuery, parseLogQuery } from './log-query'

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
  api_limit: 'Rate Limit on the Authentication API',
  scoa: 'Success cross-origin authentication',
  fcoa: 'Failed cross-origin authentication',
  seccft: 'Success Exchange (Authorization Code for Access Token)',
  feccft: 'Failed Exchange (Authorization Code for Access Token)',
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
  ip?: string
  connection?: string
  user_name?: string
  user_id?: string
}

export type NewLogEntry = Omit<LogEntry, 'log_id' | 'date' | 'type_name'>

export class TenantLogs {
  readonly #entries: LogEntry[] = []
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
      ...entry,
    }
    this.#entries.push(stored)
    return stored
  }

  /**
   * Newest first, filtered by an optional query.
   * @throws LogQueryError when the query cannot be parsed.
   */
  search(query?: string): LogEntry[] {
    const terms = query === undefined || query.trim() === '' ? [] : parseLogQuery(query)
    return [...this.#entries].reverse().filter((entry) => matchesQuery({ ...entry }, terms))
  }

  clear(): void {
    this.#entries.length = 0
  }
}
