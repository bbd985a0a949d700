/**
 * `/.well-known/jwks.json` and `/.well-known/openid-configuration`: public documents, readable from any
 * origin (they hold no secret), and never cached for long because the keys change at every start.
 */
import type { Hono } from 'hono'
import type { EmulatorContext } from '../context'
import type { AppEnv } from '../http'
import { PASSWORDLESS_OTP_GRANT } from '../tenant'
import { ALLOWED_HEADERS } from '../cors'

export function registerWellKnown(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.use('/.well-known/*', async (c, next) => {
    await next()
    c.header('Access-Control-Allow-Origin', '*')
    c.header('Cache-Control', 'no-cache')
  })

  // Public documents: any origin may read them, with any of the headers an SDK sends.
  app.options('/.well-known/*', (c) => {
    c.header('Access-Control-Allow-Methods', 'GET')
    c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
    c.header('Access-Control-Max-Age', '600')
    return c.body(null, 204)
  })

  app.get('/.well-known/jwks.json', async (c) => c.json(await context.keys.jwks()))

  app.get('/.well-known/openid-configuration', (c) => {
    const base = context.issuer
    return c.json({
      issuer: `${base}/`,
      authorization_endpoint: `${base}/authorize`,
      token_endpoint: `${base}/oauth/token`,
      jwks_uri: `${base}/.well-known/jwks.json`,
      response_types_supported: ['code', 'token', 'id_token', 'id_token token'],
      response_modes_supported: ['query', 'fragment'],
      grant_types_supported: ['authorization_code', 'implicit', PASSWORDLESS_OTP_GRANT],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic', 'none'],
      code_challenge_methods_supported: ['S256'],
      scopes_supported: ['openid', 'profile', 'email', 'phone'],
      claims_supported: [
        'aud',
        'azp',
        'email',
        'email_verified',
        'exp',
        'iat',
        'iss',
        'nonce',
        'phone_number',
        'phone_verified',
        'sub',
      ],
    })
  })
}
