import type { IdTokenPayload } from '../api/types'
import { sdkError, type WebAuthError } from '../core/errors'
import { subtleCrypto } from '../core/web-crypto'
import { base64Decode, base64DecodeUtf8, base64UrlEncode } from '../lib/encoding'
import { isPlainObject } from '../lib/json'
import type { JwksCache, KeySet } from './jwks'

/** What an ID token must match. */
export interface IdTokenExpectations {
  issuer: string
  clientId: string
  /** The nonce this login sent; the token must carry the same one. */
  nonce: string | undefined
  /** Tolerated clock skew, in seconds. */
  leeway: number
  /** Epoch milliseconds. */
  now: number
  /**
   * The access token that came with the ID token: its hash (`at_hash`) is checked when the token carries
   * one, and required when it came from the authorization endpoint (implicit `id_token token`).
   */
  accessToken?: { value: string; isFromAuthorizeEndpoint: boolean } | undefined
}

// One prefix for every refusal keeps the messages short: "Invalid ID token: expired." `claim` names the
// check that failed, for apps; a token that cannot be read at all has none.
function invalidToken(problem: string, claim?: string, cause?: unknown): WebAuthError {
  return sdkError('invalid_token', `Invalid ID token: ${problem}.`, { claim, cause })
}
const wrong = (claim: string) => invalidToken(`wrong ${claim}`, claim)
const missing = (claim: string) => invalidToken(`no ${claim}`, claim)

function decodeJson(part: string, what: string): Record<string, unknown> {
  let value: unknown
  try {
    value = JSON.parse(base64DecodeUtf8(part))
  } catch (cause) {
    throw invalidToken(`${what} is not JSON`, undefined, cause)
  }
  if (!isPlainObject(value)) throw invalidToken(`${what} is not an object`)
  return value
}

/**
 * Verifies an ID token (OIDC Core 3.1.3.7): an RS256 signature by a key of the tenant's
 * JWKS, then `iss`, `aud`, `azp`, `exp`, `iat` and `nonce`. `alg: none` and every other
 * algorithm are refused.
 *
 * @throws WebAuthError `invalid_token`, or `nonce_mismatch` when only the nonce differs
 * @see https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation
 */
export async function verifyIdToken(
  token: string,
  expected: IdTokenExpectations,
  jwks: JwksCache,
  signal?: AbortSignal,
  keys?: Promise<KeySet>,
): Promise<IdTokenPayload> {
  const subtle = subtleCrypto()
  const parts = token.split('.')
  if (parts.length !== 3) throw invalidToken('not a signed JWT')
  const [encodedHeader, encodedPayload, encodedSignature] = parts as [string, string, string]
  const header = decodeJson(encodedHeader, 'header')
  const payload = decodeJson(encodedPayload, 'payload')
  // Only RS256: `none`, HS256 (a public key used as an HMAC secret) and others are refused.
  if (header.alg !== 'RS256') throw invalidToken('alg must be RS256', 'alg')
  if (typeof header.kid !== 'string') throw missing('kid')
  // RFC 7515 4.1.11: an extension the recipient must understand. This SDK understands none.
  if (header.crit !== undefined) throw invalidToken('unsupported crit', 'crit')

  const key = await jwks.getKey(header.kid, signal, keys)
  let signature: Uint8Array
  try {
    signature = base64Decode(encodedSignature)
  } catch (cause) {
    throw invalidToken('bad signature', 'signature', cause)
  }
  const signed = new TextEncoder().encode(`${encodedHeader}.${encodedPayload}`)
  const isValid = await subtle.verify('RSASSA-PKCS1-v1_5', key, signature as Uint8Array<ArrayBuffer>, signed)
  if (!isValid) throw invalidToken('bad signature', 'signature')

  checkClaims(payload, expected)
  const { accessToken } = expected
  if (accessToken && (payload.at_hash !== undefined || accessToken.isFromAuthorizeEndpoint)) {
    // OIDC Core 3.2.2.9: the left half of the SHA-256 of the access token, base64url: it ties the access
    // token to this ID token, so one cannot be swapped for another's.
    const digest = new Uint8Array(await subtle.digest('SHA-256', new TextEncoder().encode(accessToken.value)))
    if (payload.at_hash !== base64UrlEncode(digest.slice(0, 16))) throw wrong('at_hash')
  }
  return payload as IdTokenPayload
}

function checkClaims(payload: Record<string, unknown>, expected: IdTokenExpectations): void {
  const nowSeconds = Math.floor(expected.now / 1000)
  if (payload.iss !== expected.issuer) throw wrong('iss')
  if (typeof payload.sub !== 'string' || payload.sub === '') throw missing('sub')
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud]
  if (!audiences.includes(expected.clientId)) throw wrong('aud')
  if ((audiences.length > 1 || payload.azp !== undefined) && payload.azp !== expected.clientId) {
    throw wrong('azp')
  }
  if (typeof payload.exp !== 'number') throw missing('exp')
  if (payload.exp + expected.leeway < nowSeconds) throw invalidToken('expired', 'exp')
  if (typeof payload.iat !== 'number') throw missing('iat')
  if (payload.iat - expected.leeway > nowSeconds) throw invalidToken('iat in the future', 'iat')
  if (expected.nonce !== undefined && payload.nonce !== expected.nonce) {
    throw sdkError('nonce_mismatch', 'Invalid ID token: wrong nonce.', { claim: 'nonce' })
  }
}
