import { sdkError } from '../core/errors'
import { isPlainObject, nonEmptyString, readExpiresIn, withoutUndefined } from '../lib/json'
import { verifyIdToken } from '../token/id-token'
import type { JwksCache, KeySet } from '../token/jwks'
import type { ServerSettings } from './transport'
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
