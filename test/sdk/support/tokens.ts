import { createHash } from 'node:crypto'
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose'
import type { HttpClient } from '../../../src/core/http'
import type { IdTokenExpectations } from '../../../src/token/id-token'
import { JwksCache } from '../../../src/token/jwks'
import { CLIENT_ID, ISSUER } from './fixtures'

/** An RSA signing key of the fake tenant, with its public JWK. */
export interface SigningKey {
  kid: string
  privateKey: CryptoKey
  jwk: JWK
}

/** Generates a real RS256 key pair (WebCrypto through jose). */
export async function makeSigningKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true })
  const jwk = { ...(await exportJWK(publicKey)), kid, use: 'sig', alg: 'RS256' }
  return { kid, privateKey, jwk }
}

/** A JWKS document for the given keys. */
export function jwks(...keys: SigningKey[]): { keys: JWK[] } {
  return { keys: keys.map((key) => key.jwk) }
}

/** Claims of a valid ID token for the test client, issued now. */
/** What a verification expects of the tokens these helpers sign: this tenant, this client, nonce `n-1`. */
export function idTokenExpectations(overrides: Partial<IdTokenExpectations> = {}): IdTokenExpectations {
  return { issuer: ISSUER, clientId: CLIENT_ID, nonce: 'n-1', leeway: 60, now: Date.now(), ...overrides }
}

export function claims(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const now = Math.floor(Date.now() / 1000)
  return { iss: ISSUER, sub: 'email|123', aud: CLIENT_ID, iat: now, exp: now + 3600, ...overrides }
}

/** Signs an ID token with RS256; claims set to undefined are left out. */
export async function signIdToken(
  key: SigningKey,
  payload: Record<string, unknown>,
  header: Record<string, unknown> = {},
): Promise<string> {
  const body = Object.fromEntries(Object.entries(payload).filter(([, value]) => value !== undefined))
  // jose signs a `crit` header only for extensions declared as understood.
  const crit = Array.isArray(header.crit) ? Object.fromEntries(header.crit.map((name) => [name, true])) : {}
  return new SignJWT(body)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, ...header })
    .sign(key.privateKey, { crit })
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')

/** An unsigned token (`alg: none`). */
export function unsignedToken(payload: Record<string, unknown>, kid: string): string {
  return `${b64url({ alg: 'none', kid })}.${b64url(payload)}.`
}

/** An HS256 token keyed with the public key's modulus: the classic algorithm-confusion attack. */
export async function hs256Token(payload: Record<string, unknown>, key: SigningKey): Promise<string> {
  const secret = new TextEncoder().encode(String(key.jwk.n))
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', kid: key.kid }).sign(secret)
}

/** OIDC Core's `at_hash` of an access token: the left half of its SHA-256, base64url. */
export function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url')
}

/** A key cache whose JWKS request answers `body` (`{ keys: body }` for a list). */
export function keyCache(body: unknown[] | { keys?: unknown } | null): JwksCache {
  const answer = Array.isArray(body) ? { keys: body } : body
  return new JwksCache({ get: async () => answer } as unknown as HttpClient)
}
