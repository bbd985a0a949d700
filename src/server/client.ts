import type { PasswordlessStartResult } from '../api/types'
import { run } from '../api/settle'
import { inputError, throwCodeRefusal } from '../core/errors'
import { DEFAULT_SCOPE, OTP_GRANT, resolveOrigin } from '../core/options'
import { readStartAnswer } from '../input/start-answer'
import { checkRedirectUri } from '../input/urls'
import { toWireParams } from '../input/wire-params'
import { withoutUndefined } from '../lib/json'
import { JwksCache } from '../token/jwks'
import { assertNotInPage } from './environment'
import { parseExchangeCode, parseOtpLogin, parseServerOptions, parseServerStart } from './input'
import { createMfaApi } from './mfa'
import { asksForIdToken, createTokenGrant } from './tokens'
import { createServerTransport, type ServerSettings } from './transport'
import type { ServerClient, ServerClientOptions } from './types'

function resolveSettings(input: unknown): ServerSettings {
  const options = parseServerOptions(input)
  const origin = resolveOrigin(options.domain).origin
  return {
    origin,
    issuer: `${origin}/`,
    clientId: options.clientId,
    clientSecret: options.clientSecret,
    leeway: options.leeway ?? 60,
    timeout: options.timeout ?? 10_000,
    telemetry: options.telemetry ?? true,
    fetch: options.fetch,
  }
}

/**
 * Makes a client for one tenant and one application, for your backend (Node 20 and later, or any runtime with
 * `fetch` and WebCrypto). Give `clientSecret` for a regular web application, which Auth0 then trusts to speak
 * for the person's address (`forwardedFor`); leave it out for a native application.
 *
 * @throws WebAuthError `invalid_options` naming the field; `unsupported_environment` in a web page
 * @example
 * ```ts
 * import { createServerClient, isMfaRequired } from 'passwordless-webauth/server'
 *
 * const client = createServerClient({ domain: 'tenant.example.com', clientId, clientSecret })
 * await client.passwordlessStart({ connection: 'email', send: 'code', email, forwardedFor: request.ip })
 * const { idTokenPayload } = await client.loginWithOtp({ connection: 'email', email, code, forwardedFor: request.ip })
 * ```
 */
export function createServerClient(options: ServerClientOptions): ServerClient {
  assertNotInPage()
  const settings = resolveSettings(options)
  const transport = createServerTransport(settings)
  const jwks = new JwksCache(transport.http)
  const { clientId, clientSecret } = settings
  // The client's credentials as the API takes them in a body (client_secret_post).
  const credentials = withoutUndefined({ client_id: clientId, client_secret: clientSecret })
  const forwarded = (address: string | undefined) => {
    // Auth0 reads the header from a confidential client only: without the secret it would be ignored, so a
    // backend that believes it protects the person's address is told now.
    if (address !== undefined && clientSecret === undefined) {
      throw inputError(
        'invalid_input',
        'forwardedFor',
        'needs clientSecret: the tenant trusts it from a confidential client only',
      )
    }
    return address === undefined ? {} : { 'auth0-forwarded-for': address }
  }

  const passwordlessStart = (input: unknown): Promise<PasswordlessStartResult> =>
    run(async () => {
      const options = parseServerStart(input)
      const headers = forwarded(options.forwardedFor)
      // The API sends a link when `send` is absent; SMS can only carry a code.
      const send = options.send ?? (options.connection === 'email' ? 'link' : 'code')
      const isEmail = options.connection === 'email'
      const response = await transport.post(
        '/passwordless/start',
        withoutUndefined({
          ...credentials,
          connection: options.connection,
          send,
          email: isEmail ? options.email : undefined,
          phone_number: isEmail ? undefined : options.phoneNumber,
          authParams: options.authParams && toWireParams(options.authParams, 'authParams', 'invalid_input'),
        }),
        { headers, signal: options.signal },
      )
      return readStartAnswer(response, { connection: options.connection, send })
    })

  const grant = createTokenGrant(settings, transport, jwks, credentials, forwarded)

  const loginWithOtp = (input: unknown) =>
    run(async () => {
      const options = parseOtpLogin(input)
      const scope = options.scope ?? DEFAULT_SCOPE
      const requireIdToken = asksForIdToken(scope)
      const body = {
        grant_type: OTP_GRANT,
        realm: options.connection,
        username: options.connection === 'email' ? options.email : options.phoneNumber,
        otp: options.code,
        scope,
        audience: options.audience,
      }
      return grant(body, options, { requireIdToken, prefetch: requireIdToken }, throwCodeRefusal)
    })

  const exchangeCode = (input: unknown) =>
    run(async () => {
      const options = parseExchangeCode(input)
      const body = {
        grant_type: 'authorization_code',
        code: options.code,
        redirect_uri: checkRedirectUri(options.redirectUri, 'invalid_input', 'redirectUri'),
        code_verifier: options.codeVerifier,
      }
      const requireIdToken = options.nonce !== undefined
      return grant(body, options, { requireIdToken, nonce: options.nonce, prefetch: requireIdToken })
    })

  return {
    passwordlessStart,
    loginWithOtp,
    exchangeCode,
    mfa: createMfaApi({ transport, credentials, grant }),
  }
}
