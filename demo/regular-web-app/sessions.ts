/**
 * Server-side sessions in memory, keyed by a random id in an HttpOnly cookie. Each session carries a CSRF
 * token that every form posts back. Enough for a demo; a real app would use its framework's session store.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'

export const COOKIE_NAME = 'rwa_session'
const LIFETIME_MS = 60 * 60 * 1000

export interface Profile {
  sub: string
  email?: string
  phoneNumber?: string
  verified: boolean
  issuer: string
  expiresAt: number
  /** How the person logged in, shown on the page. */
  method: string
}

export interface Session {
  id: string
  csrf: string
  expiresAt: number
  /** A start that succeeded and waits for its code. */
  pending?: { connection: 'email' | 'sms'; identity: string }
  /** The hosted-page login this browser started: checked when the tenant sends it back. */
  authorize?: { state: string; nonce: string }
  profile?: Profile
  /** A one-time message for the next page. */
  flash?: { kind: 'status' | 'alert'; text: string }
}

const sessions = new Map<string, Session>()

export const randomToken = (bytes = 24): string => randomBytes(bytes).toString('base64url')

function readCookie(request: IncomingMessage, name: string): string | undefined {
  for (const pair of (request.headers.cookie ?? '').split(';')) {
    const [key, ...rest] = pair.trim().split('=')
    if (key === name) return rest.join('=')
  }
  return undefined
}

/** The browser's session, created (with its cookie) when there is none or it expired. */
export function sessionFor(request: IncomingMessage, response: ServerResponse): Session {
  const now = Date.now()
  for (const [id, session] of sessions) if (session.expiresAt < now) sessions.delete(id)
  const existing = sessions.get(readCookie(request, COOKIE_NAME) ?? '')
  if (existing !== undefined) return existing
  const session: Session = { id: randomToken(), csrf: randomToken(), expiresAt: now + LIFETIME_MS }
  sessions.set(session.id, session)
  response.setHeader(
    'Set-Cookie',
    `${COOKIE_NAME}=${session.id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${LIFETIME_MS / 1000}`,
  )
  return session
}

/** Ends the session and gives the browser a new, empty one (a fresh id after log-out). */
export function endSession(session: Session): void {
  sessions.delete(session.id)
}

export function tokensEqual(expected: string, given: string | undefined): boolean {
  if (given === undefined) return false
  const a = Buffer.from(expected)
  const b = Buffer.from(given)
  return a.length === b.length && timingSafeEqual(a, b)
}
