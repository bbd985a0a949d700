/**
 * The passwordless OTP credential (`realm`, `username`, `otp`) shared by `/co/authenticate` and the OTP grant
 * of `/oauth/token`: the parameters checked, the code used up (E1 to E4), and the user found or created. Each
 * endpoint keeps its own error code and log type for a refused code, as Auth0's do.
 */
import { checkCode, signInUser } from './code-verification'
import type { CodeRefusal } from './code-verification'
import { normaliseIdentity } from './identity'
import type { EmulatorContext } from './context'
import { requestOrigin, requiredParam } from './http'
import type { AppContext, Params } from './http'
import { assert } from './problem'
import type { IdentityRequest } from './start-validation'
import { CONNECTIONS, connectionState } from './tenant'
import type { ClientConfig, ConnectionName } from './tenant'
import type { User } from './users'

/** A login that passed: who asked (client, connection, identity) and the user it signs in. */
export interface OtpLogin {
  request: IdentityRequest
  user: User
}

/**
 * Checks an OTP credential for `client` and uses the code up.
 * @throws Problem 400 `invalid_request` for a missing parameter or an unusable connection, and the refusals
 * of `checkCode` and `signInUser`.
 */
export function verifyOtpLogin(
  c: AppContext,
  context: EmulatorContext,
  client: ClientConfig,
  params: Params,
  refusal: CodeRefusal,
): OtpLogin {
  const realm = requiredParam(params, 'realm')
  const username = requiredParam(params, 'username')
  const otp = requiredParam(params, 'otp')
  assert(
    (CONNECTIONS as readonly string[]).includes(realm),
    400,
    'invalid_request',
    'Connection does not exist',
  )
  const connection = realm as ConnectionName
  assert(
    connectionState(context.tenant, client, connection) === 'ok',
    400,
    'invalid_request',
    'Connection is disabled',
  )
  const request = { client, connection, identity: normaliseIdentity(connection, username) }
  const origin = requestOrigin(c)
  checkCode(context, request, { code: otp, consume: true, origin, refusal })
  return { request, user: signInUser(context, request, refusal.logType, origin) }
}
