/**
 * `POST /co/authenticate`: cross-origin authentication with a passwordless code, as auth0.js does outside
 * the hosted page. It answers a single-use, short-lived `login_ticket` that `GET /authorize` exchanges for
 * the redirect back to the app. CORS with credentials, for the client's registered web origins only (E10).
 */
import type { Hono } from 'hono'
import { describeCheckFailure, normaliseIdentity } from '../codes'
import type { EmulatorContext } from '../context'
import { answerPreflight, applyCors, isForeignOrigin } from '../cors'
import { oauthError, readParams, stringParam } from '../http'
import type { AppEnv } from '../http'
import { CONNECTIONS, PASSWORDLESS_OTP_GRANT, connectionState, findClient } from '../tenant'
import type { ConnectionName } from '../tenant'

export function registerCoAuthenticate(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.options('/co/authenticate', (c) => answerPreflight(c, context, { credentials: true, methods: 'POST' }))

  app.post('/co/authenticate', async (c) => {
    const params = await readParams(c)
    if (params === undefined)
      return oauthError(c, 400, 'invalid_request', 'Request body must be a JSON object')
    const client = findClient(context.tenant, params['client_id'])
    applyCors(c, client, { credentials: true })
    if (client === undefined) {
      return oauthError(c, 401, 'invalid_client', `Unknown client: ${String(params['client_id'] ?? '')}`)
    }
    const origin = c.req.header('origin')
    if (isForeignOrigin(c, client, context.issuer)) {
      return oauthError(c, 403, 'access_denied', `Origin ${origin ?? ''} is not allowed.`)
    }
    if (!client.crossOriginAuthentication) {
      return oauthError(c, 403, 'unauthorized_client', 'Cross origin login not allowed.')
    }
    const credentialType = stringParam(params, 'credential_type')
    if (credentialType !== PASSWORDLESS_OTP_GRANT) {
      return oauthError(
        c,
        400,
        'unsupported_credential_type',
        `Unsupported credential_type: ${credentialType ?? ''}`,
      )
    }
    const realm = stringParam(params, 'realm')
    const username = stringParam(params, 'username')
    const otp = stringParam(params, 'otp')
    for (const [name, value] of [
      ['realm', realm],
      ['username', username],
      ['otp', otp],
    ] as const) {
      if (value === undefined || value === '')
        return oauthError(c, 400, 'invalid_request', `Missing required parameter: ${name}`)
    }
    if (!(CONNECTIONS as readonly string[]).includes(realm ?? '')) {
      return oauthError(c, 400, 'invalid_request', 'Connection does not exist')
    }
    const connection = realm as ConnectionName
    if (connectionState(context.tenant, client, connection) !== 'ok') {
      return oauthError(c, 400, 'invalid_request', 'Connection is disabled')
    }
    const identity = normaliseIdentity(connection, username ?? '')
    const logBase = { client_id: client.clientId, client_name: client.name, connection, user_name: identity }
    const checked = context.codes.check(
      { clientId: client.clientId, connection, identity, code: otp ?? '' },
      { consume: true },
    )
    if (!checked.ok) {
      const description = describeCheckFailure(checked.reason, connection)
      context.logs.write({ type: 'fcoa', description, ...logBase })
      return oauthError(c, 403, 'access_denied', description)
    }
    const user = context.users.findOrCreate(connection, identity, context.settings.signupsAllowed)
    if (user === undefined) {
      context.logs.write({ type: 'fcoa', description: 'Public signup is disabled', ...logBase })
      return oauthError(c, 403, 'access_denied', 'Public signup is disabled')
    }
    const ticket = context.randomId(24)
    context.tickets.put(
      ticket,
      { clientId: client.clientId, user },
      context.settings.loginTicketLifetimeSeconds,
    )
    context.logs.write({
      type: 'scoa',
      description: 'Cross-origin authentication with a one-time code',
      ...logBase,
    })
    // co_verifier and co_id serve Auth0's fallback for browsers without third-party cookies (/co/verify),
    // which the emulator does not need: tickets are redeemed directly.
    return c.json({ login_ticket: ticket, co_verifier: context.randomId(24), co_id: context.randomId(9) })
  })
}
