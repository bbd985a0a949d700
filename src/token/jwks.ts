import { sdkError } from '../core/errors'
import type { HttpClient } from '../core/http'

/** A public signing key as published in the tenant's JWKS. */
export interface PublicJwk extends JsonWebKey {
  kid?: string
}

/** A fetched key set: verification keys by `kid`. */
export type KeySet = Map<string, Promise<CryptoKey>>

/**
 * The tenant's signing keys, fetched from `/.well-known/jwks.json` when first needed (or
 * ahead, see {@link JwksCache.prefetch}) and cached by `kid`. An unknown `kid` in a set held
 * from before fetches the set again once (the tenant may have rotated its keys); a `kid`
 * missing from a set fetched for this token is refused.
 */
export class JwksCache {
  readonly #http: HttpClient
  #keys: KeySet | undefined

  constructor(http: HttpClient) {
    this.#http = http
  }

  /**
   * Starts fetching the key set unless one is held, so that it arrives while another request
   * (the code exchange) is awaited. Hand the result to {@link JwksCache.getKey}.
   */
  prefetch(signal?: AbortSignal): Promise<KeySet> | undefined {
    if (this.#keys) return undefined
    const keys = this.#fetchKeys(signal)
    // A failure is reported by getKey; when the exchange fails first, nobody reads this one.
    keys.catch(() => undefined)
    return keys
  }

  /**
   * The RS256 verification key for `kid`: from the cache, else from `fetching` (the set
   * fetched for this token), else from a fetch of the set.
   *
   * @throws WebAuthError `invalid_token` when the key is unknown or unusable
   */
  async getKey(kid: string, signal?: AbortSignal, fetching?: Promise<KeySet>): Promise<CryptoKey> {
    const cached = this.#keys?.get(kid)
    if (cached) return cached
    this.#keys = await (fetching ?? this.#fetchKeys(signal))
    const key = this.#keys.get(kid)
    if (!key) throw sdkError('invalid_token', 'Invalid ID token: unknown signing key.', { claim: 'kid' })
    return key
  }

  async #fetchKeys(signal: AbortSignal | undefined): Promise<KeySet> {
    const body = (await this.#http.get('/.well-known/jwks.json', { signal })) as { keys?: unknown } | null
    if (!Array.isArray(body?.keys)) {
      throw sdkError('invalid_response', 'No signing keys.')
    }
    const keys: KeySet = new Map()
    for (const jwk of body.keys as PublicJwk[]) {
      if (jwk?.kty !== 'RSA' || typeof jwk.kid !== 'string' || (jwk.use !== undefined && jwk.use !== 'sig'))
        continue
      const { kty, n, e } = jwk
      const key = crypto.subtle
        .importKey(
          'jwk',
          { kty, n, e } as JsonWebKey,
          { name: 'RSASSA-PKCS1-v1_5', hash: 'SHA-256' },
          false,
          ['verify'],
        )
        .catch((cause: unknown) => {
          throw sdkError('invalid_token', 'Unusable signing key.', { claim: 'kid', cause })
        })
      // Handled here so a key that is never asked for cannot become an unhandled rejection.
      key.catch(() => undefined)
      keys.set(jwk.kid, key)
    }
    return keys
  }
}
