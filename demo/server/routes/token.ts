/**
 * `POST /oauth/token` (JSON or form): the authorization code grant with PKCE (E12) and the passwordless OTP
 * grant for confidential (with their secret) and native clients, answering `mfa_required` for users that need
 * a second factor.
 */
import { createHash } from 'node:crypto'
import type { Hono } from 'hono'
import { constantTimeEqual } from '../../shared/constant-time'
import { DEFAULT_SCOPE } from '../authorization'
import { authenticateTokenClient } from '../client-auth'
import { normaliseIdentity } from '../codes'
import type { EmulatorContext } from '../context'
import { answerPreflight, applyCors } from '../cors'
import { oauthError, readParams, stringParam } from '../http'
import type { AppContext, AppEnv, Params } from '../http'
import { logEntry } from '../log-entry'
import { verifyOtpLogin } from '../otp-login'
import { PASSWORDLESS_OTP_GRANT, findClient, isConfidential } from '../tenant'
import type { ClientConfig } from '../tenant'
import { issueTokens } from '../tokens'
import type { User } from '../users'

const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/

export function registerToken(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.options('/oauth/token', (c) => answerPreflight(c, context, { credentials: false, methods: 'POST' }))

  app.post('/oauth/token', async (c) => {
    const params = await readParams(c)
    if (params === undefined)
      return oauthError(c, 400, 'invalid_request', 'Request body must be JSON or a form')
    const clientId = stringParam(params, 'client_id') ?? basicClientId(c.req.header('authorization'))
    const client = findClient(context.tenant, clientId)
    applyCors(c, client, { credentials: false })
    const grantType = stringParam(params, 'grant_type')
    if (grantType === undefined)
      return oauthError(c, 400, 'invalid_request', 'Missing required parameter: grant_type')
    if (client === undefined) return oauthError(c, 401, 'invalid_client', `Unknown client: ${clientId ?? ''}`)
    const authentication = authenticateTokenClient(client, params, c.req.header('authorization'))
    if (authentication === 'missing')
      return oauthError(c, 401, 'invalid_client', 'Client authentication is required')
    if (authentication === 'invalid')
      return oauthError(c, 401, 'invalid_client', 'Invalid client credentials')
    if (grantType !== 'authorization_code' && grantType !== PASSWORDLESS_OTP_GRANT) {
      return oauthError(c, 400, 'unsupported_grant_type', `Unsupported grant type: ${grantType}`)
    }
    if (!client.grantTypes.includes(grantType)) {
      return oauthError(
        c,
        403,
        'unauthorized_client',
        `Grant type '${grantType}' not allowed for the client.`,
      )
    }
    return grantType === 'authorization_code'
      ? exchangeCode(c, context, client, params)
      : exchangeOtp(c, context, client, params)
  })
}

function basicClientId(authorization: string | undefined): string | undefined {
  if (!authorization?.toLowerCase().startsWith('basic ')) return undefined
  const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  return colon === -1 ? undefined : decoded.slice(0, colon)
}

async function exchangeCode(
  c: AppContext,
  context: EmulatorContext,
  client: ClientConfig,
  params: Params,
): Promise<Response> {
  const code = stringParam(params, 'code')
  if (code === undefined || code === '')
    return oauthError(c, 400, 'invalid_request', 'Missing required parameter: code')
  const refuse = (status: 400 | 403, error: string, description: string): Response => {
    context.logs.write(logEntry('feccft', description, { client }))
    return oauthError(c, status, error, description)
  }
  // E12: the code is used up by this attempt whatever its outcome, so it can never be replayed.
  const record = context.authorizationCodes.take(code)
  if (record === undefined || record.clientId !== client.clientId) {
    return refuse(403, 'invalid_grant', 'Invalid authorization code')
  }
  if (stringParam(params, 'redirect_uri') !== record.redirectUri) {
    return refuse(
      403,
      'invalid_grant',
      'The redirect_uri does not match the one of the authorization request',
    )
  }
  const verifier = stringParam(params, 'code_verifier')
  if (record.codeChallenge === undefined) {
    // RFC 9700 2.1.1: a verifier without a challenge is a downgrade attempt.
    if (verifier !== undefined) {
      return refuse(
        403,
        'invalid_grant',
        'code_verifier was sent but the authorization request had no code_challenge',
      )
    }
    if (!isConfidential(client)) {
      return refuse(
        403,
        'invalid_grant',
        'PKCE is required for public clients: send a code_challenge to /authorize',
      )
    }
  } else {
    if (verifier === undefined) return refuse(400, 'invalid_request', "Parameter 'code_verifier' is required")
    if (!VERIFIER.test(verifier) || !challengeMatches(record.codeChallenge, verifier)) {
      return refuse(403, 'invalid_grant', 'Failed to verify code verifier')
    }
  }
  const tokens = await issueTokens(context.keys, {
    issuer: context.issuer,
    clientId: client.clientId,
    user: record.user,
    scope: record.scope,
    audience: record.audience,
    nonce: record.nonce,
    nowMs: context.now(),
    lifetimeSeconds: context.settings.tokenLifetimeSeconds,
  })
  context.logs.write(
    logEntry('seccft', 'Authorization code exchanged', { client, userId: record.user.userId }),
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
  const login = verifyOtpLogin(c, context, client, params, { error: 'invalid_grant', logType: 'f' })
  if (!login.ok) return login.response
  const { user, logBase } = login
  if (requiresMfa(context, user)) {
    const mfaToken = context.randomId(32)
    context.mfaTokens.put(mfaToken, { clientId: client.clientId, userId: user.userId }, 600)
    context.logs.write(
      logEntry('f', 'Multifactor authentication required', { ...logBase, userId: user.userId }),
    )
    return oauthError(c, 403, 'mfa_required', 'Multifactor authentication required', {
      mfa_token: mfaToken,
      mfa_requirements: { challenge: [{ type: 'otp' }] },
    })
  }
  const tokens = await issueTokens(context.keys, {
    issuer: context.issuer,
    clientId: client.clientId,
    user,
    scope: stringParam(params, 'scope') ?? DEFAULT_SCOPE,
    audience: stringParam(params, 'audience'),
    nowMs: context.now(),
    lifetimeSeconds: context.settings.tokenLifetimeSeconds,
  })
  context.logs.write(
    logEntry('s', 'Login with the passwordless OTP grant', { ...logBase, userId: user.userId }),
  )
  return c.json(tokens)
}

function requiresMfa(context: EmulatorContext, user: User): boolean {
  return context.settings.usersRequiringMfa.some(
    (entry) => normaliseIdentity(user.connection, entry) === user.identity,
  )
}
