/**
 * Signing keys, the JWKS and token responses. One RS256 key pair is generated per emulator (with jose) and
 * published at `/.well-known/jwks.json` under its RFC 7638 thumbprint as `kid`.
 */
import { createHash } from 'node:crypto'
import { SignJWT, calculateJwkThumbprint, exportJWK, generateKeyPair } from 'jose'
import type { JWK, JWTPayload } from 'jose'
import type { EmulatorContext } from './context'
import type { User } from './users'

interface KeyMaterial {
  privateKey: CryptoKey
  publicJwk: JWK
  kid: string
}

export class SigningKeys {
  // Generated on first use: many emulators (one per test) never sign anything, and RSA key generation is
  // the slowest thing the emulator does.
  #material: Promise<KeyMaterial> | undefined

  async jwks(): Promise<{ keys: JWK[] }> {
    const { publicJwk } = await this.#load()
    return { keys: [publicJwk] }
  }

  async sign(payload: JWTPayload): Promise<string> {
    const { privateKey, kid } = await this.#load()
    return new SignJWT(payload).setProtectedHeader({ alg: 'RS256', typ: 'JWT', kid }).sign(privateKey)
  }

  #load(): Promise<KeyMaterial> {
    this.#material ??= createKeyMaterial()
    return this.#material
  }
}

async function createKeyMaterial(): Promise<KeyMaterial> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { modulusLength: 2048 })
  const jwk = await exportJWK(publicKey)
  const kid = await calculateJwkThumbprint(jwk)
  return { privateKey, kid, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } }
}

export interface TokenRequest {
  issuer: string
  clientId: string
  user: User
  scope: string
  audience?: string | undefined
  nonce?: string | undefined
  nowMs: number
  lifetimeSeconds: number
  /**
   * Put `at_hash` in the ID token: for the authorization endpoint's `id_token token`, where OIDC Core
   * (3.2.2.10) requires it to tie the access token in the same redirect to the ID token.
   */
  withAtHash?: boolean
}

export interface TokenResponse {
  access_token: string
  id_token?: string
  token_type: 'Bearer'
  expires_in: number
  scope: string
}

/** The claims that say who the user is, for the connection they used. */
export function identityClaims(user: User): Record<string, string | boolean> {
  return user.connection === 'email'
    ? { email: user.identity, email_verified: true }
    : { phone_number: user.identity, phone_verified: true }
}

/** OIDC Core 3.2.2.9: the left half of the access token's SHA-256, base64url. */
export function accessTokenHash(accessToken: string): string {
  return createHash('sha256').update(accessToken, 'ascii').digest().subarray(0, 16).toString('base64url')
}

/**
 * Builds Auth0's token response: an access token for the audience (or `/userinfo`), and an ID token when
 * `openid` is in scope. `iss` carries the trailing slash, as Auth0's does.
 */
async function issueTokens(keys: SigningKeys, request: TokenRequest): Promise<TokenResponse> {
  const iat = Math.floor(request.nowMs / 1000)
  const exp = iat + request.lifetimeSeconds
  const iss = `${request.issuer}/`
  const accessToken = await keys.sign({
    iss,
    sub: request.user.userId,
    aud: request.audience ?? `${request.issuer}/userinfo`,
    azp: request.clientId,
    scope: request.scope,
    iat,
    exp,
  })
  const response: TokenResponse = {
    access_token: accessToken,
    token_type: 'Bearer',
    expires_in: request.lifetimeSeconds,
    scope: request.scope,
  }
  if (request.scope.split(' ').includes('openid')) {
    response.id_token = await keys.sign({
      iss,
      sub: request.user.userId,
      aud: request.clientId,
      azp: request.clientId,
      iat,
      exp,
      ...(request.nonce === undefined ? {} : { nonce: request.nonce }),
      ...(request.withAtHash ? { at_hash: accessTokenHash(accessToken) } : {}),
      ...identityClaims(request.user),
    })
  }
  return response
}

/** What a grant decided (client, user, scope, audience, nonce); the rest of a token request is the emulator's. */
export type Grant = Omit<TokenRequest, 'issuer' | 'nowMs' | 'lifetimeSeconds'>

/** The tokens of a grant: issued by this emulator, at its clock's time, for the tenant's token lifetime. */
export function issueGrantTokens(context: EmulatorContext, grant: Grant): Promise<TokenResponse> {
  return issueTokens(context.keys, {
    ...grant,
    issuer: context.issuer,
    nowMs: context.now(),
    lifetimeSeconds: context.settings.tokenLifetimeSeconds,
  })
}
