import { WebAuthError } from './errors'
import type { HttpClient } from './http'

/** A public signing key as published in the tenant's JWKS. */
export interface PublicJwk extends JsonWebKey {
  kid?: string
}

/**
 * The tenant's signing keys, fetched from `/.well-known/jwks.json` when first needed and
 * cached by `kid`. An unknown `kid` fetches the set again once (the tenant may have rotated
 * its keys); a `kid` still unknown after that is refused.
 */
export class JwksCache {
  readonly #http: HttpClient
  #keys: Map<string, Promise<CryptoKey>> | undefined

  constructor(http: HttpClient) {
    this.#http = http
  }

  /**
   * The RS256 verification key for `kid`.
   *
   * @throws WebAuthError `invalid_token` when the key is unknown or unusable
   */
  async getKey(kid: string, signal?: AbortSignal): Promise<CryptoKey> {
    const cached = this.#keys?.get(kid)
    if (cached) return cached
    this.#keys = await this.#fetchKeys(signal)
    const fetched = this.#keys.get(kid)
    if (!fetched) throw new WebAuthError('invalid_token', 'Invalid ID token: unknown signing key.')
    return fetched
  }

  async #fetchKeys(signal: AbortSignal | undefined): Promise<Map<string, Promise<CryptoKey>>> {
    const body = (await this.#http.get('/.well-known/jwks.json', { signal })) as { keys?: unknown } | null
    if (!Array.isArray(body?.keys)) {
      throw new WebAuthError('invalid_response', 'The tenant has no signing keys.')
    }
    const keys = new Map<string, Promise<CryptoKey>>()
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
          throw new WebAuthError('invalid_token', 'Unusable signing key.', {
            cause,
          })
        })
      // Handled here so a key that is never asked for cannot become an unhandled rejection.
      key.catch(() => undefined)
      keys.set(jwk.kid, key)
    }
    return keys
  }
}
