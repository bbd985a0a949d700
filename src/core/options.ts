import type { CodeLogin, ResponseType } from '../api/types'
import { normalizeHeaders } from '../input/headers'
import { optionsSchema } from '../input/options-schema'
import { snapshot } from '../input/snapshot'
import { checkRedirectUri, parseUrl } from '../input/urls'
import { parseOrThrow } from '../input/validation'
import { toWireParams, type WireParams } from '../input/wire-params'
import { withoutUndefined } from '../lib/json'
import { inputError } from './errors'

/** Options after validation, with defaults applied. Internal. */
export interface ResolvedOptions {
  origin: string
  host: string
  /** The issuer the ID token must name: the tenant's origin with a trailing slash, as Auth0 issues it. */
  issuer: string
  clientId: string
  /** Authorize parameters before per-call `authParams`: defaults, named options, then internalOptions. */
  authorizeParams: WireParams
  leeway: number
  timeout: number
  telemetry: boolean
  headers: Record<string, string>
  fetch: typeof fetch | undefined
  /** Undefined for the browser's own navigation, looked up when a login leaves the page. */
  navigate: ((url: string) => void) | undefined
  hostedPage: boolean | undefined
  /** How a code login completes away from the hosted page; undefined for `cross_origin`. */
  codeLogin: CodeLogin | undefined
}

/** The grant of a passwordless one-time code: `/co/authenticate`'s `credential_type`, `/oauth/token`'s grant. */
export const OTP_GRANT = 'http://auth0.com/oauth/grant-type/passwordless/otp'

/** The scope asked for when none is given. */
export const DEFAULT_SCOPE = 'openid profile email'

const loopbackHosts = /* @__PURE__ */ new Set(['localhost', '127.0.0.1', '[::1]'])

const invalid = (field: string, rule: string) => inputError('invalid_options', field, rule)
const NOT_AN_ORIGIN = 'must be a host name or an origin'

/** Turns `domain` (a host or an origin) into an origin, refusing plain http beyond loopback. */
export function resolveOrigin(domain: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(domain) ? domain : `https://${domain}`
  const url = parseUrl(withScheme, 'invalid_options', 'domain', NOT_AN_ORIGIN)
  if (
    url.username ||
    url.password ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    /[?#]$/.test(withScheme)
  ) {
    throw invalid('domain', NOT_AN_ORIGIN)
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHosts.has(url.hostname))) {
    throw invalid('domain', 'must use https (http only for localhost)')
  }
  return url
}

/**
 * Validates the constructor's options and applies the defaults.
 *
 * @throws WebAuthError `client_secret_in_browser` before anything else, then `invalid_options` naming the field
 */
export function resolveOptions(input: unknown): ResolvedOptions {
  const options = parseOrThrow(
    optionsSchema(),
    snapshot(input, 'options', 'invalid_options'),
    'invalid_options',
    'options',
  )
  if (options.clientID && options.clientId && options.clientID !== options.clientId) {
    throw invalid('clientID', 'and "clientId" differ')
  }
  const clientId = options.clientID ?? options.clientId
  if (!clientId) throw invalid('clientID', 'is required')
  const origin = resolveOrigin(options.domain)
  const responseType: ResponseType =
    options.responseType === 'token id_token' ? 'id_token token' : (options.responseType ?? 'code')
  // Already in their wire form: snake_case keys and, once validated, string values.
  const named = withoutUndefined({
    response_type: responseType,
    scope: options.scope ?? DEFAULT_SCOPE,
    response_mode: options.responseMode,
    audience: options.audience,
    redirect_uri:
      options.redirectUri === undefined
        ? undefined
        : checkRedirectUri(options.redirectUri, 'invalid_options', 'redirectUri'),
    state: options.state,
    nonce: options.nonce,
  })
  const internal = toWireParams(options.internalOptions ?? {}, 'internalOptions', 'invalid_options')
  const authorizeParams: WireParams = { ...named, ...internal }
  return {
    origin: origin.origin,
    host: origin.host,
    issuer: `${origin.origin}/`,
    clientId,
    authorizeParams,
    leeway: options.leeway ?? 60,
    timeout: options.timeout ?? 10_000,
    telemetry: options.telemetry ?? true,
    headers: options.headers ? normalizeHeaders(options.headers) : {},
    fetch: options.fetch,
    navigate: options.navigate,
    hostedPage: options.hostedPage,
    codeLogin: options.codeLogin,
  }
}
