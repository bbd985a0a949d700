/**
 * The browser's side of a login transaction. On a tenant, the `state` of the hosted login page belongs to
 * the login transaction of one browser, held by a cookie of the tenant's origin (Auth0 documents
 * `a0_users:sess` as the Classic Login cookie "used for CSRF protection"). The emulator does the same: a
 * forwarded `state` authenticates `/passwordless/start` only together with the cookie of the browser whose
 * `GET /authorize` created it, so a state copied out of a page works nowhere else.
 *
 * The cookie names a browser, not one transaction: the same value serves every login that browser has
 * under way (several tabs), and only values the emulator issued are reused, so a cookie planted by a page
 * of another port (cookies ignore ports) is replaced rather than adopted.
 *
 * @see https://auth0.com/docs/manage-users/cookies/authentication-api-cookies
 */
import { constantTimeEqual } from '../shared/constant-time'
import type { EmulatorContext } from './context'
import type { AppContext } from './http'

export const LOGIN_COOKIE_NAME = 'a0_users:sess'

/** The value of a cookie in a Cookie header, or undefined. */
export function readCookie(header: string | undefined, name: string): string | undefined {
  for (const pair of (header ?? '').split(';')) {
    const separator = pair.indexOf('=')
    if (separator !== -1 && pair.slice(0, separator).trim() === name) return pair.slice(separator + 1).trim()
  }
  return undefined
}

/** The browser's login cookie when the emulator issued it and it is still live. */
export function loginCookieOf(c: AppContext, context: EmulatorContext): string | undefined {
  const value = readCookie(c.req.header('cookie'), LOGIN_COOKIE_NAME)
  return value !== undefined && context.browserSessions.get(value) === true ? value : undefined
}

/**
 * The browser's login cookie, issued now when it has none: set on the hosted page's origin, HttpOnly (no
 * script needs it), SameSite=Lax (sent on the page's own requests, not on other sites' subrequests), for
 * as long as a login transaction lives; Secure in HTTPS mode, so that it never travels over plain HTTP.
 *
 * Deliberately not SameSite=None, which Auth0 documents for its session and device cookies (`auth0`,
 * `did`): those serve cross-site requests (silent authentication, cross-origin login), which the emulator
 * has no session for. This cookie is only read on the hosted page's own, same-origin start.
 */
/** Whether the emulator is served over HTTPS (its issuer's scheme): its cookies are `Secure` then. */
export const isServedOverHttps = (context: EmulatorContext): boolean =>
  new URL(context.issuer).protocol === 'https:'

export function issueLoginCookie(c: AppContext, context: EmulatorContext): string {
  const lifetime = context.settings.loginTransactionLifetimeSeconds
  const value = loginCookieOf(c, context) ?? context.randomId(24)
  context.browserSessions.put(value, true, lifetime)
  const secure = isServedOverHttps(context) ? '; Secure' : ''
  c.header(
    'Set-Cookie',
    `${LOGIN_COOKIE_NAME}=${value}; Path=/; HttpOnly${secure}; SameSite=Lax; Max-Age=${lifetime}`,
  )
  return value
}

/**
 * Whether this request comes from the browser of a transaction: its cookie matches, and when it says
 * where it comes from (Origin), it comes from the emulator's own origin, as the hosted page's fetch does.
 */
export function isTransactionBrowser(
  c: AppContext,
  context: EmulatorContext,
  transactionCookie: string,
): boolean {
  const origin = c.req.header('origin')
  if (origin !== undefined && origin !== new URL(c.req.url).origin) return false
  const cookie = loginCookieOf(c, context)
  return cookie !== undefined && constantTimeEqual(transactionCookie, cookie)
}
