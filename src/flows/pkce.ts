import { subtleCrypto } from '../core/web-crypto'
import { base64UrlEncode } from '../lib/encoding'
import { randomToken } from '../lib/random'

/** A PKCE pair (RFC 7636): a 32-byte random verifier and its S256 challenge. `plain` is never used. */
export interface Pkce {
  codeVerifier: string
  codeChallenge: string
  codeChallengeMethod: 'S256'
}

/** Creates a PKCE verifier and its S256 challenge with WebCrypto. */
export async function createPkce(): Promise<Pkce> {
  const subtle = subtleCrypto()
  const codeVerifier = randomToken(32)
  const digest = await subtle.digest('SHA-256', new TextEncoder().encode(codeVerifier))
  return { codeVerifier, codeChallenge: base64UrlEncode(new Uint8Array(digest)), codeChallengeMethod: 'S256' }
}
