/**
 * The passwordless OTP credential (`realm`, `username`, `otp`) shared by `/co/authenticate` and the OTP grant
 * of `/oauth/token`: the parameters checked, the code used up (E1 to E4), and the user found or created. Each
 * endpoint keeps its own error code and log type for a refused code, as Auth0's do.
 */
import { blockedResponse, describeVerificationFailure, verifyCode } from './code-verification'
import { normaliseIdentity } from './codes'
import type { EmulatorContext } from './context'
import { oauthError, stringParam } from './http'
import type { AppContext, Params } from './http'
import { logEntry } from './log-entry'
import type { LogSubject } from './log-entry'
import type { LogType } from './logs'
import { CONNECTIONS, connectionState } from './tenant'
import type { ClientConfig, ConnectionName } from './tenant'
import type { User } from './users'

/** How an endpoint answers a refused code: its error code and the tenant log type. */
export interface OtpFailureStyle {
  error: 'access_denied' | 'invalid_grant'
  logType: LogType
}

/** What every log entry of one OTP login is about. */
export interface OtpLogBase extends LogSubject {
  client: ClientConfig
  connection: ConnectionName
  identity: string
}

export type OtpLoginResult = { ok: true; user: User; logBase: OtpLogBase } | { ok: false; response: Response }

export function verifyOtpLogin(
  c: AppContext,
  context: EmulatorContext,
  client: ClientConfig,
  params: Params,
  style: OtpFailureStyle,
): OtpLoginResult {
  const refuse = (status: 400 | 403, error: string, description: string): OtpLoginResult => ({
    ok: false,
    response: oauthError(c, status, error, description),
  })
  const realm = stringParam(params, 'realm')
  const username = stringParam(params, 'username')
  const otp = stringParam(params, 'otp')
  for (const [name, value] of [
    ['realm', realm],
    ['username', username],
    ['otp', otp],
  ] as const) {
    if (value === undefined || value === '')
      return refuse(400, 'invalid_request', `Missing required parameter: ${name}`)
  }
  if (!(CONNECTIONS as readonly string[]).includes(realm ?? '')) {
    return refuse(400, 'invalid_request', 'Connection does not exist')
  }
  const connection = realm as ConnectionName
  if (connectionState(context.tenant, client, connection) !== 'ok') {
    return refuse(400, 'invalid_request', 'Connection is disabled')
  }
  const identity = normaliseIdentity(connection, username ?? '')
  const logBase: OtpLogBase = { client, connection, identity }
  const checked = verifyCode(
    context,
    { clientId: client.clientId, connection, identity, code: otp ?? '' },
    { consume: true },
    { ip: c.get('clientIp'), clientName: client.name },
  )
  if (!checked.ok) {
    const description = describeVerificationFailure(checked, connection)
    context.logs.write(logEntry(style.logType, description, logBase))
    if (checked.reason === 'blocked') {
      return { ok: false, response: blockedResponse(c, checked.retryAfterSeconds) }
    }
    return refuse(403, style.error, description)
  }
  const user = context.users.findOrCreate(connection, identity, context.settings.signupsAllowed)
  if (user === undefined) {
    context.logs.write(logEntry(style.logType, 'Public signup is disabled', logBase))
    return refuse(403, 'access_denied', 'Public signup is disabled')
  }
  return { ok: true, user, logBase }
}
