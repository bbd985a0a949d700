/**
 * `POST /co/authenticate`: cross-origin authentication with a passwordless code, as auth0.js does outside
 * the hosted page. It answers a single-use, short-lived `login_ticket` that `GET /authorize` exchanges for
 * the redirect back to the app. CORS with credentials, for the client's registered web origins only (E10).
 */
import type { Hono } from 'hono'
import type { EmulatorContext } from '../context'
import { answerPreflight, applyCors, isForeignOrigin } from '../cors'
import { readParams, requestOrigin, stringParam } from '../http'
import type { AppEnv } from '../http'
import { logEntry } from '../log-entry'
import { verifyOtpLogin } from '../otp-login'
import { assert } from '../problem'
import { issueSessionCookie } from '../session-cookie'
import { PASSWORDLESS_OTP_GRANT, findClient } from '../tenant'

export function registerCoAuthenticate(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.options('/co/authenticate', (c) => answerPreflight(c, context, { credentials: true, methods: 'POST' }))

  app.post('/co/authenticate', async (c) => {
    const params = await readParams(c)
    assert(params !== undefined, 400, 'invalid_request', 'Request body must be a JSON object')
    const client = findClient(context.tenant, params['client_id'])
    applyCors(c, client, { credentials: true })
    assert(
      client !== undefined,
      401,
      'invalid_client',
      `Unknown client: ${String(params['client_id'] ?? '')}`,
    )
    assert(
      !isForeignOrigin(c, client, context.issuer),
      403,
      'access_denied',
      `Origin ${c.req.header('origin') ?? ''} is not allowed.`,
    )
    assert(client.crossOriginAuthentication, 403, 'unauthorized_client', 'Cross origin login not allowed.')
    const credentialType = stringParam(params, 'credential_type')
    assert(
      credentialType === PASSWORDLESS_OTP_GRANT,
      400,
      'unsupported_credential_type',
      `Unsupported credential_type: ${credentialType ?? ''}`,
    )
    const { request, user } = verifyOtpLogin(c, context, client, params, {
      error: 'access_denied',
      logType: 'fcoa',
    })
    const ticket = context.randomId(24)
    context.tickets.put(
      ticket,
      { clientId: client.clientId, user, session: issueSessionCookie(c, context) },
      context.settings.loginTicketLifetimeSeconds,
    )
    const description = 'Cross-origin authentication with a one-time code'
    context.logs.write(logEntry('scoa', description, requestOrigin(c), request))
    // co_verifier and co_id serve Auth0's cross-origin verification fallback (a page of the app that /authorize
    // frames when the session cookie is missing); the emulator models a client without one (docs/emulator.md).
    return c.json({ login_ticket: ticket, co_verifier: context.randomId(24), co_id: context.randomId(9) })
  })
}
