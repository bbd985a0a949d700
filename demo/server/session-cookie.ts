/**
 * The tenant's session cookie of a cross-origin login. `POST /co/authenticate` answers a login ticket and sets
 * this cookie in the same response, from the app's page (a credentialed CORS request); `GET /authorize` redeems
 * the ticket only in the browser that carries the cookie, so a ticket copied out of one browser is worth
 * nothing in another. Auth0 documents its session cookie, `auth0`, as `SameSite=None; Secure`: it is set and
 * read in a third-party context (the app's page calling the tenant), which is exactly what a browser that blocks
 * third-party cookies refuses. The emulator does the same in HTTPS mode; over plain http a `SameSite=None`
 * cookie is dropped by browsers, so there it is `SameSite=Lax`, which same-site set-ups (the app and the
 * emulator both on 127.0.0.1) still carry.
 *
 * @see https://auth0.com/docs/manage-users/cookies/authentication-api-cookies
 * @see https://auth0.com/docs/authenticate/login/cross-origin-authentication
 */
import { constantTimeEqual } from '../shared/constant-time'
import type { EmulatorContext } from './context'
import type { AppContext } from './http'
import { isServedOverHttps, readCookie } from './login-cookie'

const SESSION_COOKIE_NAME = 'auth0'

/** Sets the session cookie of a new login ticket and returns its value, which the ticket keeps. */
export function issueSessionCookie(c: AppContext, context: EmulatorContext): string {
  const value = context.randomId(24)
  const crossSite = isServedOverHttps(context) ? 'Secure; SameSite=None' : 'SameSite=Lax'
  const lifetime = context.settings.loginTicketLifetimeSeconds
  c.header(
    'Set-Cookie',
    `${SESSION_COOKIE_NAME}=${value}; Path=/; HttpOnly; ${crossSite}; Max-Age=${lifetime}`,
  )
  return value
}

/** Whether this request carries the session cookie that was set with the ticket. */
export function carriesSessionCookie(c: AppContext, expected: string): boolean {
  const value = readCookie(c.req.header('cookie'), SESSION_COOKIE_NAME)
  return value !== undefined && constantTimeEqual(expected, value)
}
