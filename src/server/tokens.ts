import { sdkError } from '../core/errors'
import { isPlainObject, nonEmptyString, readExpiresIn, withoutUndefined } from '../lib/json'
import { verifyIdToken } from '../token/id-token'
import type { JwksCache, KeySet } from '../token/jwks'
import type { ServerSettings, ServerTransport } from './transport'
import type { ServerTokens } from './types'

/** What the ID token of one answer must match besides the tenant and the client. */
export interface TokenExpectations {
  /** The authorization request's nonce, for a code exchange. */
  nonce?: string | undefined
  /** Whether an ID token must come back: `openid` was asked for, or a nonce was sent. */
  requireIdToken: boolean
  signal?: AbortSignal | undefined
  /** The key set being fetched alongside the token request (see `JwksCache.prefetch`). */
  keys?: Promise<KeySet> | undefined
}

/** Whether a space-separated scope asks for an ID token. */
export const asksForIdToken = (scope: string) => scope.split(/\s+/).includes('openid')

/**
 * Reads a token endpoint's answer and verifies its ID token with the browser SDK's checks (S9): RS256 by a
 * key of the tenant's JWKS, issuer, audience, `azp`, `exp`, `iat`, the nonce when one was sent, and
 * `at_hash` when the token carries one. The tokens are handed back, never stored.
 *
 * @throws WebAuthError `invalid_response` without an access token, `invalid_token` (with `claim`) or
 *   `nonce_mismatch`
 */
/** What one grant's call takes besides its body: the person's address to forward, and the caller's signal. */
export interface GrantInput {
  forwardedFor?: string | undefined
  signal?: AbortSignal | undefined
}

/** How to read one grant's answer: the ID token it must bring, and whether to fetch the signing keys alongside. */
export interface GrantExpectations {
  requireIdToken: boolean
  nonce?: string | undefined
  /** Fetch the JWKS with the grant, not one round trip after its answer (when an ID token may come). */
  prefetch: boolean
}

/** One grant at `/oauth/token`, answered with the tokens read and verified (see {@link createTokenGrant}). */
export type TokenGrant = (
  body: Record<string, unknown>,
  input: GrantInput,
  expected: GrantExpectations,
  refusal?: (error: unknown) => never,
) => Promise<ServerTokens>

/**
 * The grants of one server client (the OTP grant, the code exchange, the MFA grants): the client's
 * credentials added to the body, the caller's address forwarded, the signing keys fetched alongside when an ID
 * token may come, a refusal turned into the caller's error by `refusal`, and the answer read by
 * {@link readTokens}.
 */
export function createTokenGrant(
  settings: ServerSettings,
  transport: ServerTransport,
  jwks: JwksCache,
  credentials: Record<string, string>,
  forwarded: (address: string | undefined) => Record<string, string>,
): TokenGrant {
  return async (body, { forwardedFor, signal }, { requireIdToken, nonce, prefetch }, refusal) => {
    const answer = transport.post('/oauth/token', withoutUndefined({ ...body, ...credentials }), {
      headers: forwarded(forwardedFor),
      signal,
    })
    const keys = prefetch ? jwks.prefetch(signal) : undefined
    const tokens = await (refusal ? answer.catch(refusal) : answer)
    return readTokens(settings, jwks, tokens, { requireIdToken, nonce, signal, keys })
  }
}

export async function readTokens(
  settings: ServerSettings,
  jwks: JwksCache,
  answer: unknown,
  expected: TokenExpectations,
): Promise<ServerTokens> {
  const body: Record<string, unknown> = isPlainObject(answer) ? answer : {}
  const accessToken = nonEmptyString(body.access_token)
  if (accessToken === undefined) throw sdkError('invalid_response', 'No access token returned.')
  const idToken = nonEmptyString(body.id_token)
  if (idToken === undefined && expected.requireIdToken) {
    throw sdkError('invalid_token', 'No ID token returned.')
  }
  const idTokenPayload =
    idToken === undefined
      ? undefined
      : await verifyIdToken(
          idToken,
          {
            issuer: settings.issuer,
            clientId: settings.clientId,
            nonce: expected.nonce,
            leeway: settings.leeway,
            now: Date.now(),
            accessToken: { value: accessToken, isFromAuthorizeEndpoint: false },
          },
          jwks,
          expected.signal,
          expected.keys,
        )
  return withoutUndefined({
    accessToken,
    idToken,
    idTokenPayload,
    refreshToken: nonEmptyString(body.refresh_token),
    expiresIn: readExpiresIn(body.expires_in),
    tokenType: nonEmptyString(body.token_type),
    scope: nonEmptyString(body.scope),
    recoveryCode: nonEmptyString(body.recovery_code),
  })
}
