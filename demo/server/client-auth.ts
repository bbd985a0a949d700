/**
 * Client authentication: the matrix of E7 for `/passwordless/start`, the secret check of `/oauth/token`, and
 * which address counts for rate limiting (E6).
 */
import { isIP } from 'node:net'
import { constantTimeEqual } from '../shared/constant-time'
import type { EmulatorContext, LoginTransaction } from './context'
import type { Params } from './http'
import { isConfidential } from './tenant'
import type { ClientConfig } from './tenant'

/**
 * How a `/passwordless/start` call authenticated:
 * - `secret`: a confidential client sent its secret;
 * - `forwarded_state`: a confidential client's hosted login page forwarded the `state` of a live login
 *   transaction of that client (Auth0's way for a page that cannot hold a secret), from the browser that
 *   opened it (`isBrowser`: its login cookie, see login-cookie.ts);
 * - `public`: a single-page or native app, which has nothing to authenticate with;
 * - `none`: a confidential client sent neither (refused when enforcement is on, else a deprecation notice);
 * - `invalid_secret`: a secret was sent and is wrong (or sent by a public client, which has none).
 */
export type StartAuthentication = 'secret' | 'forwarded_state' | 'public' | 'none' | 'invalid_secret'

export function authenticateStart(
  context: EmulatorContext,
  client: ClientConfig,
  params: Params,
  isBrowser: (transaction: LoginTransaction) => boolean,
): StartAuthentication {
  const secret = params['client_secret']
  const sentSecret = secret !== undefined && secret !== null
  if (!isConfidential(client)) return sentSecret ? 'invalid_secret' : 'public'
  if (sentSecret) {
    const expected = client.clientSecret
    return typeof secret === 'string' && expected !== undefined && constantTimeEqual(expected, secret)
      ? 'secret'
      : 'invalid_secret'
  }
  const authParams = params['authParams']
  const state =
    typeof authParams === 'object' && authParams !== null
      ? (authParams as Record<string, unknown>)['state']
      : undefined
  const transaction = typeof state === 'string' ? context.transactions.get(state) : undefined
  if (transaction?.clientId === client.clientId && isBrowser(transaction)) return 'forwarded_state'
  return 'none'
}

export type AddressResult = { ok: true; address: string } | { ok: false; description: string }

/**
 * E6: `auth0-forwarded-for` counts only for a confidential client that sent its correct secret and trusts the
 * header; otherwise the caller's own address counts and the header is ignored.
 */
export function rateLimitAddress(
  client: ClientConfig | undefined,
  authentication: StartAuthentication | undefined,
  forwardedFor: string | undefined,
  socketAddress: string,
): AddressResult {
  const trusted =
    client !== undefined &&
    authentication === 'secret' &&
    client.trustTokenEndpointIpHeader &&
    forwardedFor !== undefined
  if (!trusted) return { ok: true, address: socketAddress }
  const candidate = forwardedFor.split(',')[0]?.trim() ?? ''
  if (isIP(candidate) === 0) {
    return { ok: false, description: 'Expected `auth0-forwarded-for` header to be a valid IP address.' }
  }
  return { ok: true, address: candidate }
}

export type TokenClientAuthentication = 'ok' | 'missing' | 'invalid'

/**
 * Authenticates a confidential client at `/oauth/token` by `client_secret` in the body (client_secret_post) or
 * HTTP Basic (client_secret_basic). Public clients pass when they send no secret.
 */
export function authenticateTokenClient(
  client: ClientConfig,
  params: Params,
  authorization: string | undefined,
): TokenClientAuthentication {
  let secret = typeof params['client_secret'] === 'string' ? params['client_secret'] : undefined
  if (authorization?.toLowerCase().startsWith('basic ')) {
    const decoded = Buffer.from(authorization.slice(6).trim(), 'base64').toString('utf8')
    const colon = decoded.indexOf(':')
    if (colon === -1) return 'invalid'
    try {
      // RFC 6749 2.3.1: both parts are form-encoded before being joined.
      if (decodeURIComponent(decoded.slice(0, colon)) !== client.clientId) return 'invalid'
      secret = decodeURIComponent(decoded.slice(colon + 1))
    } catch {
      return 'invalid'
    }
  }
  if (!isConfidential(client)) return secret === undefined ? 'ok' : 'invalid'
  if (secret === undefined) return 'missing'
  return client.clientSecret !== undefined && constantTimeEqual(client.clientSecret, secret)
    ? 'ok'
    : 'invalid'
}
