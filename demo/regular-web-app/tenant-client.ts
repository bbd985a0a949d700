/**
 * What a confidential app's backend says to the tenant, with its client secret: `/passwordless/start` (with
 * the person's address in `auth0-forwarded-for`, so that rate limits count the person and not this server),
 * the passwordless OTP grant and the authorization code grant at `/oauth/token`, and ID token verification
 * against the tenant's JWKS. The secret never leaves this process.
 *
 * @see https://auth0.com/docs/authenticate/passwordless/implement-login/embedded-login/relevant-api-endpoints
 */
import { createRemoteJWKSet, jwtVerify } from 'jose'
import type { JWTPayload } from 'jose'

export interface TenantClientConfig {
  /** The tenant's origin, such as http://127.0.0.1:4400. */
  origin: string
  clientId: string
  clientSecret: string
}

/** A refusal from the tenant, with what the app needs to explain it. */
export class TenantError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly status: number,
    readonly retryAfter?: number,
  ) {
    super(`${code}: ${description}`)
    this.name = 'TenantError'
  }
}

export const PASSWORDLESS_OTP_GRANT = 'http://auth0.com/oauth/grant-type/passwordless/otp'

export type Connection = 'email' | 'sms'

export function createTenantClient(config: TenantClientConfig) {
  const jwks = createRemoteJWKSet(new URL('/.well-known/jwks.json', config.origin))
  const issuer = `${config.origin}/`

  async function post(path: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
    let response: Response
    try {
      response = await fetch(new URL(path, config.origin), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', ...headers },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(10_000),
      })
    } catch (cause) {
      throw new TenantError('network_error', `The tenant could not be reached: ${String(cause)}`, 0)
    }
    const text = await response.text()
    let parsed: Record<string, unknown>
    try {
      parsed = text === '' ? {} : (JSON.parse(text) as Record<string, unknown>)
    } catch {
      throw new TenantError(
        'invalid_response',
        `The tenant answered ${response.status} without JSON`,
        response.status,
      )
    }
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('retry-after'))
      throw new TenantError(
        typeof parsed['error'] === 'string' ? parsed['error'] : 'server_error',
        typeof parsed['error_description'] === 'string' ? parsed['error_description'] : response.statusText,
        response.status,
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
      )
    }
    return parsed
  }

  async function verifyIdToken(idToken: unknown, nonce?: string): Promise<JWTPayload> {
    if (typeof idToken !== 'string')
      throw new TenantError('invalid_response', 'No ID token in the answer', 200)
    const { payload } = await jwtVerify(idToken, jwks, {
      issuer,
      audience: config.clientId,
      algorithms: ['RS256'],
    })
    if (nonce !== undefined && payload['nonce'] !== nonce) {
      throw new TenantError('nonce_mismatch', 'The ID token belongs to another login', 200)
    }
    return payload
  }

  return {
    /** Sends a code by email or SMS for this app, from the server. */
    async startPasswordless(connection: Connection, identity: string, personIp: string): Promise<void> {
      await post(
        '/passwordless/start',
        {
          client_id: config.clientId,
          client_secret: config.clientSecret,
          connection,
          send: 'code',
          ...(connection === 'email' ? { email: identity } : { phone_number: identity }),
        },
        // Only a confidential client with its secret may speak for the person's address (E6).
        { 'auth0-forwarded-for': personIp },
      )
    },

    /** Exchanges a code the person typed for tokens with the passwordless OTP grant. */
    async loginWithOtp(connection: Connection, identity: string, otp: string): Promise<JWTPayload> {
      const tokens = await post('/oauth/token', {
        grant_type: PASSWORDLESS_OTP_GRANT,
        client_id: config.clientId,
        client_secret: config.clientSecret,
        realm: connection,
        username: identity,
        otp,
        scope: 'openid profile email',
      })
      return verifyIdToken(tokens['id_token'])
    },

    /** Where to send the browser for the tenant's hosted login page. */
    authorizeUrl(redirectUri: string, state: string, nonce: string): string {
      const url = new URL('/authorize', config.origin)
      url.search = new URLSearchParams({
        client_id: config.clientId,
        response_type: 'code',
        redirect_uri: redirectUri,
        scope: 'openid profile email',
        state,
        nonce,
      }).toString()
      return url.toString()
    },

    /** Exchanges the authorization code the tenant sent back, authenticating with the secret. */
    async exchangeCode(code: string, redirectUri: string, nonce: string): Promise<JWTPayload> {
      const tokens = await post('/oauth/token', {
        grant_type: 'authorization_code',
        client_id: config.clientId,
        client_secret: config.clientSecret,
        code,
        redirect_uri: redirectUri,
      })
      return verifyIdToken(tokens['id_token'], nonce)
    },
  }
}

export type TenantClient = ReturnType<typeof createTenantClient>
