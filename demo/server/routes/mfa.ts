/**
 * The MFA API a backend calls after `mfa_required`: `GET /mfa/authenticators` (the MFA token as a bearer token)
 * and `POST /mfa/challenge` (JSON, with the client's credentials), in the shapes of Auth0's reference. The
 * grants that complete the login are at `/oauth/token` (mfa-grants.ts). Two emulator-only routes stand in for
 * the person's devices: `GET /__emulator/mfa` (the code an authenticator app shows now) and
 * `POST /__emulator/mfa/push` (a tap on Allow or Deny).
 *
 * @see https://auth0.com/docs/api/authentication/multi-factor-authentication/list-authenticators
 * @see https://auth0.com/docs/api/authentication/multi-factor-authentication/request-mfa-challenge
 */
import type { Hono } from 'hono'
import { authenticateCallingClient, findCallingClient } from '../client-auth'
import type { EmulatorContext } from '../context'
import { readParams, requestOrigin, stringParam } from '../http'
import type { AppContext, AppEnv } from '../http'
import { logEntry } from '../log-entry'
import { generateCode } from '../codes'
import type { Authenticator } from '../mfa/enrollments'
import { mfaAids } from '../mfa/aids'
import { OOB_CODE_LIFETIME_SECONDS, EXPIRED_KEPT_SECONDS, readMfaToken } from '../mfa/sessions'
import type { MfaTokenRecord } from '../mfa/sessions'
import { Problem, assert } from '../problem'
import { EMULATOR_NOTICE } from './emulator'

const CHALLENGE_TYPES = ['otp', 'oob'] as const

export function registerMfa(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.get('/mfa/authenticators', (c) => {
    const record = readBearerToken(c, context)
    return c.json(context.mfa.list(record.user.userId))
  })

  app.post('/mfa/challenge', async (c) => {
    const params = await readParams(c)
    assert(params !== undefined, 400, 'invalid_request', 'Request body must be a JSON object')
    // As at /oauth/token: the client in the body or HTTP Basic, its secret, its forwarded address (E6).
    const client = authenticateCallingClient(c, params, findCallingClient(c, context, params))
    const record = readMfaToken(context, client, params['mfa_token'])
    const authenticator = pickAuthenticator(context, record, params)
    if (authenticator.kind === 'otp') return c.json({ challenge_type: 'otp' })
    const mfaToken = stringParam(params, 'mfa_token') as string
    const oobCode = context.randomId(24)
    const expiresAt = context.now() + OOB_CODE_LIFETIME_SECONDS * 1000
    const origin = requestOrigin(c)
    const subject = { client, userId: record.user.userId }
    if (authenticator.kind === 'sms') {
      const bindingCode = generateCode(6)
      const to = context.mfa.smsPhoneNumber(record.user.userId) ?? ''
      context.outbox.send({ to, channel: 'sms', kind: 'mfa', clientId: client.clientId, code: bindingCode })
      context.oobChallenges.put(
        oobCode,
        { mfaToken, channel: 'sms', bindingCode, status: 'pending', expiresAt },
        OOB_CODE_LIFETIME_SECONDS + EXPIRED_KEPT_SECONDS,
      )
      context.logs.write(logEntry('gd_send_sms', 'Second factor code sent by SMS', origin, subject))
      return c.json({ challenge_type: 'oob', oob_code: oobCode, binding_method: 'prompt' })
    }
    context.oobChallenges.put(
      oobCode,
      { mfaToken, channel: 'push', status: 'pending', expiresAt },
      OOB_CODE_LIFETIME_SECONDS + EXPIRED_KEPT_SECONDS,
    )
    const device = context.mfa.pushDevice(record.user.userId) ?? ''
    context.outbox.send({
      to: device,
      channel: 'push',
      kind: 'mfa',
      clientId: client.clientId,
      code: oobCode,
    })
    context.logs.write(logEntry('gd_send_pn', 'Push notification sent', origin, subject))
    return c.json({ challenge_type: 'oob', oob_code: oobCode })
  })

  // Emulator aid: what the person's authenticator app shows now, and their current recovery code.
  app.get('/__emulator/mfa', (c) => c.json({ notice: EMULATOR_NOTICE, users: mfaAids(context) }))

  // Emulator aid: the person's phone answers a push notification (`{ "oobCode": "…", "approve": true }`).
  app.post('/__emulator/mfa/push', async (c) => {
    const params = await readParams(c)
    const oobCode = params === undefined ? undefined : stringParam(params, 'oobCode')
    const challenge = oobCode === undefined ? undefined : context.oobChallenges.get(oobCode)
    assert(
      challenge?.channel === 'push' && challenge.status === 'pending' && context.now() < challenge.expiresAt,
      404,
      'not_found',
      `${EMULATOR_NOTICE} No pending push notification with this oobCode.`,
    )
    challenge.status = params?.['approve'] === true ? 'approved' : 'rejected'
    return c.body(null, 204)
  })
}

/** The user and client behind the request's bearer token, an `mfa_token` (RFC 6750 errors: 401 `invalid_token`). */
function readBearerToken(c: AppContext, context: EmulatorContext): MfaTokenRecord {
  const match = /^Bearer\s+(\S+)$/i.exec(c.req.header('authorization') ?? '')
  const refuse = (description: string) =>
    new Problem(401, 'invalid_token', description, {
      headers: { 'WWW-Authenticate': `Bearer error="invalid_token", error_description="${description}"` },
    })
  if (match === null) throw refuse('Missing bearer token')
  const record = context.mfaTokens.get(match[1] as string)
  if (record === undefined || record.used) throw refuse('Malformed mfa_token')
  if (context.now() >= record.expiresAt) throw refuse('mfa_token is expired')
  return record
}

/**
 * The factor a challenge is for: the one named by `authenticator_id`, or else the user's first that the
 * accepted challenge types allow (`challenge_type`, space-separated; all of them when absent). A recovery code
 * is never challenged: it is given to the recovery-code grant directly.
 * @throws Problem 400 `unsupported_challenge_type` or `invalid_request`.
 */
function pickAuthenticator(
  context: EmulatorContext,
  record: MfaTokenRecord,
  params: Record<string, unknown>,
) {
  const requested = (stringParam(params, 'challenge_type') ?? CHALLENGE_TYPES.join(' ')).split(/\s+/)
  const unknown = requested.filter((type) => !(CHALLENGE_TYPES as readonly string[]).includes(type))
  assert(
    unknown.length === 0,
    400,
    'unsupported_challenge_type',
    `Unsupported challenge type: ${unknown.join(' ')}.`,
  )
  const challengeType = (authenticator: Authenticator) => (authenticator.kind === 'otp' ? 'otp' : 'oob')
  const candidates = context.mfa
    .authenticators(record.user.userId)
    .filter((authenticator) => authenticator.kind !== 'recovery-code')
  const authenticatorId = stringParam(params, 'authenticator_id')
  if (authenticatorId !== undefined) {
    const named = candidates.find((authenticator) => authenticator.id === authenticatorId)
    assert(named !== undefined, 400, 'invalid_request', 'Unknown authenticator_id')
    assert(
      requested.includes(challengeType(named)),
      400,
      'unsupported_challenge_type',
      `The authenticator does not support the requested challenge type (${requested.join(', ')}).`,
    )
    return named
  }
  const found = candidates.find((authenticator) => requested.includes(challengeType(authenticator)))
  assert(
    found !== undefined,
    400,
    'unsupported_challenge_type',
    `The user is not enrolled with any of the requested challenge types (${requested.join(', ')}).`,
  )
  return found
}
