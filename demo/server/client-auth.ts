/**
 * Client authentication: the matrix of E7 for `/passwordless/start`, the secret check of `/oauth/token` (in
 * the body or HTTP Basic), and which address a request counts for once its client is authenticated (E6).
 */
import { isIP } from 'node:net'
import { constantTimeEqual } from '../shared/constant-time'
import type { EmulatorContext, LoginTransaction } from './context'
import { transactionOf } from './login-transactions'
import { stringParam } from './http'
import type { AppContext, Params } from './http'
import { assert } from './problem'
import { findClient, isConfidential } from './tenant'
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
  const transaction = transactionOf(context, state, client.clientId)
  if (transaction !== undefined && isBrowser(transaction)) return 'forwarded_state'
  return 'none'
}

/**
 * E6: honours `auth0-forwarded-for` when it counts, for a confidential client that authenticated with its
 * correct secret and trusts the header (Auth0's "Trust Token Endpoint IP Header"): from then on the request
 * counts for the forwarded address (rate limits, the addresses in attack protection's and every other log
 * entry). Otherwise the header is ignored and the caller's own address counts.
 * @returns the forwarded address when honoured.
 * @throws Problem `invalid_request` when a trusted header is not an IP address.
 */
export function honourForwardedFor(
  c: AppContext,
  client: ClientConfig | undefined,
  authenticatedBySecret: boolean,
): string | undefined {
  const header = c.req.header('auth0-forwarded-for')
  const trusted =
    client !== undefined &&
    authenticatedBySecret &&
    isConfidential(client) &&
    client.trustTokenEndpointIpHeader &&
    header !== undefined
  if (!trusted) return undefined
  const candidate = header.split(',')[0]?.trim() ?? ''
  assert(
    isIP(candidate) !== 0,
    400,
    'invalid_request',
    'Expected `auth0-forwarded-for` header to be a valid IP address.',
  )
  c.set('clientIp', candidate)
  return candidate
}

/** The client id and secret of an `Authorization: Basic` header (client_secret_basic). */
export interface BasicCredentials {
  clientId: string
  clientSecret: string
}

/**
 * Reads HTTP Basic client credentials: undefined without a Basic header, `malformed` when it has no colon or
 * a part is not valid form encoding (RFC 6749 2.3.1 encodes both parts before joining them).
 */
export function readBasicCredentials(
  authorization: string | undefined,
): BasicCredentials | 'malformed' | undefined {
  if (!authorization?.toLowerCase().startsWith('basic ')) return undefined
  const decoded = Buffer.from(authorization.slice('basic '.length).trim(), 'base64').toString('utf8')
  const colon = decoded.indexOf(':')
  if (colon === -1) return 'malformed'
  try {
    return {
      clientId: decodeURIComponent(decoded.slice(0, colon)),
      clientSecret: decodeURIComponent(decoded.slice(colon + 1)),
    }
  } catch {
    return 'malformed'
  }
}

/** The client a backend call names, by `client_id` in the body or by HTTP Basic (which `/oauth/token` takes). */
export interface CallingClient {
  clientId: string | undefined
  client: ClientConfig | undefined
  basic: BasicCredentials | 'malformed' | undefined
}

/** Finds the client of a call to `/oauth/token` or `/mfa/challenge`, before anything is checked. */
export function findCallingClient(c: AppContext, context: EmulatorContext, params: Params): CallingClient {
  const basic = readBasicCredentials(c.req.header('authorization'))
  const clientId =
    stringParam(params, 'client_id') ?? (typeof basic === 'object' ? basic.clientId : undefined)
  return { clientId, client: findClient(context.tenant, clientId), basic }
}

/**
 * Authenticates the client {@link findCallingClient} found, as `/oauth/token` does (see
 * {@link authenticateTokenClient}); then a confidential client's trusted `auth0-forwarded-for` is the address
 * the call counts for (E6).
 * @throws Problem 401 `invalid_client` for an unknown client or wrong credentials
 */
export function authenticateCallingClient(
  c: AppContext,
  params: Params,
  { clientId, client, basic }: CallingClient,
): ClientConfig {
  assert(client !== undefined, 401, 'invalid_client', `Unknown client: ${clientId ?? ''}`)
  authenticateTokenClient(client, params, basic)
  honourForwardedFor(c, client, isConfidential(client))
  return client
}

/**
 * Authenticates a client at `/oauth/token` by `client_secret` in the body (client_secret_post) or HTTP Basic
 * (client_secret_basic, which wins when both are sent). Public clients pass when they send no secret.
 * @throws Problem 401 `invalid_client` when a confidential client sends no secret, or any client a wrong one.
 */
export function authenticateTokenClient(
  client: ClientConfig,
  params: Params,
  basic: BasicCredentials | 'malformed' | undefined,
): void {
  const invalid = 'Invalid client credentials'
  assert(basic !== 'malformed', 401, 'invalid_client', invalid)
  assert(basic === undefined || basic.clientId === client.clientId, 401, 'invalid_client', invalid)
  const secret = basic?.clientSecret ?? stringParam(params, 'client_secret')
  if (!isConfidential(client)) {
    assert(secret === undefined, 401, 'invalid_client', invalid)
    return
  }
  assert(secret !== undefined, 401, 'invalid_client', 'Client authentication is required')
  const expected = client.clientSecret
  assert(expected !== undefined && constantTimeEqual(expected, secret), 401, 'invalid_client', invalid)
}
