/**
 * Server-side sessions in memory, keyed by a random id in an HttpOnly cookie. Each session carries a CSRF
 * token that every form posts back. Enough for a demo; a real app would use its framework's session store.
 *
 * Session fixation: cookies ignore ports, so any page served from another 127.0.0.1 port can plant
 * `rwa_session` with an id it got from this app, and would share the session the person then signs into.
 * So the id and the CSRF token change whenever who is signed in changes (`rotateSession` at sign-in,
 * `endSession` at sign-out), and the old id is dead from then on.
 *
 * The `__Host-` prefix is not used: it needs `Secure`, which this http-only demo cannot honestly claim, and
 * it would not help here anyway, since every port of 127.0.0.1 is the same host to a cookie (a page on
 * another port could set a `__Host-` cookie just the same). Served over https, a real app should use
 * `__Host-` with `Secure`, which keeps other hosts and subdomains from planting it.
 */
import { randomBytes } from 'node:crypto'
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

/** A factor the person can pass the second step with, as the page offers it. */
export interface Factor {
  kind: 'otp' | 'sms' | 'recovery'
  /** The authenticator's id at the tenant, for a challenge. */
  id: string
  /** A name to show: the masked phone number of an SMS factor. */
  name?: string
}

/** The second step of a login: the MFA token (never sent to the browser) and what it can be passed with. */
export interface SecondStep {
  mfaToken: string
  /** How the first step went, for the profile page. */
  firstFactor: string
  factors: Factor[]
  /** The `oobCode` of the SMS challenge sent, waiting for the code the person received. */
  oobCode?: string
}

export interface Session {
  id: string
  csrf: string
  expiresAt: number
  /** A start that succeeded and waits for its code. */
  pending?: { connection: 'email' | 'sms'; identity: string }
  /** A login whose code passed and that waits for its second factor (mfa-step.ts). */
  mfa?: SecondStep
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
  return newSession(response, {})
}

/** A new session with fresh id and CSRF token, holding `data`, and the cookie that names it. */
function newSession(response: ServerResponse, data: Omit<Session, 'id' | 'csrf' | 'expiresAt'>): Session {
  const session: Session = {
    ...data,
    id: randomToken(),
    csrf: randomToken(),
    expiresAt: Date.now() + LIFETIME_MS,
  }
  sessions.set(session.id, session)
  response.setHeader(
    'Set-Cookie',
    `${COOKIE_NAME}=${session.id}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${LIFETIME_MS / 1000}`,
  )
  return session
}

/**
 * At sign-in: the same data under a new id and a new CSRF token, the old id dead. Returns the session to
 * write the signed-in profile to.
 */
export function rotateSession(session: Session, response: ServerResponse): Session {
  sessions.delete(session.id)
  // What the person was doing carries over; what names the session does not.
  const data: Omit<Session, 'id' | 'csrf' | 'expiresAt'> = {
    ...(session.pending === undefined ? {} : { pending: session.pending }),
    ...(session.authorize === undefined ? {} : { authorize: session.authorize }),
    ...(session.profile === undefined ? {} : { profile: session.profile }),
    ...(session.flash === undefined ? {} : { flash: session.flash }),
  }
  return newSession(response, data)
}

/** At sign-out: the session is dead, and the browser gets a new, empty one (new id, new CSRF token). */
export function endSession(session: Session, response: ServerResponse): Session {
  sessions.delete(session.id)
  return newSession(response, {})
}
