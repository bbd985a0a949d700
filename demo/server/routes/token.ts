/**
 * `POST /oauth/token` (JSON or form): the authorization code grant with PKCE (E12) and the passwordless OTP
 * grant for confidential (with their secret) and native clients, answering `mfa_required` for users that need
 * a second factor, and the three MFA grants that complete those logins (mfa-grants.ts).
 */
import { createHash } from 'node:crypto'
import type { Hono } from 'hono'
import { constantTimeEqual } from '../../shared/constant-time'
import { DEFAULT_SCOPE } from '../authorization'
import { authenticateCallingClient, findCallingClient } from '../client-auth'
import { normaliseIdentity } from '../identity'
import type { EmulatorContext } from '../context'
import { answerPreflight, applyCors } from '../cors'
import { readParams, requestOrigin, requiredParam, stringParam } from '../http'
import type { AppContext, AppEnv, Params } from '../http'
import { logEntry } from '../log-entry'
import { issueMfaToken } from '../mfa/sessions'
import { verifyOtpLogin } from '../otp-login'
import { Problem, assert } from '../problem'
import { PASSWORDLESS_OTP_GRANT, isConfidential } from '../tenant'
import type { ClientConfig } from '../tenant'
import { issueGrantTokens } from '../tokens'
import type { User } from '../users'
import { MFA_GRANTS, exchangeMfa } from './mfa-grants'

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

/** A check of an authorization code exchange: a refusal is logged (`feccft`) before it is thrown. */
type ExchangeCheck = (
  condition: unknown,
  status: 400 | 403,
  error: string,
  description: string,
) => asserts condition

export function registerToken(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.options('/oauth/token', (c) => answerPreflight(c, context, { credentials: false, methods: 'POST' }))

  app.post('/oauth/token', async (c) => {
    const params = await readParams(c)
    assert(params !== undefined, 400, 'invalid_request', 'Request body must be JSON or a form')
    const caller = findCallingClient(c, context, params)
    applyCors(c, caller.client, { credentials: false })
    const grantType = stringParam(params, 'grant_type')
    assert(grantType !== undefined, 400, 'invalid_request', 'Missing required parameter: grant_type')
    // E6: once a confidential client is authenticated by its secret, a trusted forwarded address counts, for
    // the attack protection of the OTP grant as for the logs.
    const client = authenticateCallingClient(c, params, caller)
    assert(
      grantType === 'authorization_code' ||
        grantType === PASSWORDLESS_OTP_GRANT ||
        MFA_GRANTS.includes(grantType),
      400,
      'unsupported_grant_type',
      `Unsupported grant type: ${grantType}`,
    )
    assert(
      client.grantTypes.includes(grantType),
      403,
      'unauthorized_client',
      `Grant type '${grantType}' not allowed for the client.`,
    )
    if (MFA_GRANTS.includes(grantType)) return exchangeMfa(c, context, client, grantType, params)
    return grantType === 'authorization_code'
      ? exchangeCode(c, context, client, params)
      : exchangeOtp(c, context, client, params)
  })
}

async function exchangeCode(
  c: AppContext,
  context: EmulatorContext,
  client: ClientConfig,
  params: Params,
): Promise<Response> {
  const code = requiredParam(params, 'code')
  // Every refusal of a presented code is logged as a failed exchange.
  const check: ExchangeCheck = (condition, status, error, description) => {
    if (condition) return
    context.logs.write(logEntry('feccft', description, requestOrigin(c), { client }))
    throw new Problem(status, error, description)
  }
  // E12: the code is used up by this attempt whatever its outcome, so it can never be replayed.
  const record = context.authorizationCodes.take(code)
  check(
    record !== undefined && record.clientId === client.clientId,
    403,
    'invalid_grant',
    'Invalid authorization code',
  )
  check(
    stringParam(params, 'redirect_uri') === record.redirectUri,
    403,
    'invalid_grant',
    'The redirect_uri does not match the one of the authorization request',
  )
  const verifier = stringParam(params, 'code_verifier')
  if (record.codeChallenge === undefined) {
    // RFC 9700 2.1.1: a verifier without a challenge is a downgrade attempt.
    check(
      verifier === undefined,
      403,
      'invalid_grant',
      'code_verifier was sent but the authorization request had no code_challenge',
    )
    check(
      isConfidential(client),
      403,
      'invalid_grant',
      'PKCE is required for public clients: send a code_challenge to /authorize',
    )
  } else {
    check(verifier !== undefined, 400, 'invalid_request', "Parameter 'code_verifier' is required")
    check(
      VERIFIER.test(verifier) && challengeMatches(record.codeChallenge, verifier),
      403,
      'invalid_grant',
      'Failed to verify code verifier',
    )
  }
  const tokens = await issueGrantTokens(context, {
    clientId: client.clientId,
    user: record.user,
    scope: record.scope,
    audience: record.audience,
    nonce: record.nonce,
  })
  context.logs.write(
    logEntry('seccft', 'Authorization code exchanged', requestOrigin(c), {
      client,
      userId: record.user.userId,
    }),
  )
  return c.json(tokens)
}

/** S256: BASE64URL(SHA-256(verifier)) equals the challenge, compared in constant time. */
function challengeMatches(challenge: string, verifier: string): boolean {
  return constantTimeEqual(challenge, createHash('sha256').update(verifier, 'ascii').digest('base64url'))
}

async function exchangeOtp(
  c: AppContext,
  context: EmulatorContext,
  client: ClientConfig,
  params: Params,
): Promise<Response> {
  const { request, user } = verifyOtpLogin(c, context, client, params, {
    error: 'invalid_grant',
    logType: 'f',
  })
  const scope = stringParam(params, 'scope') ?? DEFAULT_SCOPE
  const audience = stringParam(params, 'audience')
  if (requiresMfa(context, user)) {
    const mfaToken = issueMfaToken(context, { clientId: client.clientId, user, scope, audience })
    const description = 'Multifactor authentication required'
    context.logs.write(logEntry('f', description, requestOrigin(c), { ...request, userId: user.userId }))
    throw new Problem(403, 'mfa_required', description, {
      extras: { mfa_token: mfaToken, mfa_requirements: context.mfa.requirements(user.userId) },
    })
  }
  const tokens = await issueGrantTokens(context, { clientId: client.clientId, user, scope, audience })
  context.logs.write(
    logEntry('s', 'Login with the passwordless OTP grant', requestOrigin(c), {
      ...request,
      userId: user.userId,
    }),
  )
  return c.json(tokens)
}

/** Users with an enrolled authenticator, and those listed in `usersRequiringMfa`, pass a second factor. */
function requiresMfa(context: EmulatorContext, user: User): boolean {
  return (
    context.mfa.isEnrolled(user.userId) ||
    context.settings.usersRequiringMfa.some(
      (entry) => normaliseIdentity(user.connection, entry) === user.identity,
    )
  )
}
