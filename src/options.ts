import { WebAuthError } from './errors'
import { isHeadersOption, normalizeHeaders, type HeadersOption } from './headers'
import { snapshot } from './snapshot'
import { toWireParams, type ParamValue, type WireParams } from './wire-params'
import { checkRedirectUri, parseUrl } from './url'
import { lazy } from './lazy'
import { parseOrThrow } from './validation'
import { boolean, func, oneOf, paramsObject, satisfying, text, z } from './zod'

/** The response types the SDK can complete. `code` (with PKCE) is the default and the safe choice. */
export type ResponseType = 'code' | 'token' | 'id_token' | 'id_token token'

/** Options of {@link WebAuth}. Names follow auth0.js. */
export interface WebAuthOptions {
  /** The tenant: a host (`tenant.example.com`, https) or an origin (`http://localhost:4400`; plain http only for loopback). */
  domain: string
  /** The application's client id. `clientId` is accepted as well. */
  clientID?: string
  /** Alias of `clientID`. */
  clientId?: string
  /**
   * Where the authorization server sends the person back; must be registered exactly.
   * @defaultValue the current page's origin and path
   */
  redirectUri?: string
  /**
   * What the redirect carries back. Implicit types (`token`, `id_token`) only when asked for.
   * @defaultValue `'code'` (authorization code with PKCE)
   */
  responseType?: ResponseType | 'token id_token'
  /**
   * Where the redirect carries its parameters.
   * @defaultValue `'query'` for `code`, `'fragment'` for implicit types
   */
  responseMode?: 'query' | 'fragment'
  /** @defaultValue `'openid profile email'` */
  scope?: string
  /** The API the access token is for. */
  audience?: string
  /** A state to send instead of a random one. It is never replaced; make it unguessable. */
  state?: string
  /** A nonce to send instead of a random one. */
  nonce?: string
  /**
   * Clock skew tolerated when checking the ID token's `exp` and `iat`, in seconds.
   * @defaultValue 60
   */
  leeway?: number
  /**
   * A Universal Login page's `config.internalOptions`: every key is forwarded to the server,
   * in snake_case or camelCase, none dropped.
   */
  internalOptions?: Record<string, ParamValue>
  /**
   * The `fetch` to use, for tests or special runtimes.
   * @defaultValue `globalThis.fetch`
   */
  fetch?: typeof fetch
  /**
   * Time allowed for each request, in milliseconds.
   * @defaultValue 10000
   */
  timeout?: number
  /**
   * Send the `Auth0-Client` header naming this SDK and its version.
   * @defaultValue true
   */
  telemetry?: boolean
  /**
   * Extra headers for every request: an object, `[name, value]` pairs, a `Headers` or a `Map`.
   * Credentials (`Authorization`, names that spell a secret) and `auth0-forwarded-for` are refused.
   */
  headers?: HeadersOption
  /**
   * How the SDK leaves the page; replace it to observe or to handle navigation yourself.
   * @defaultValue `(url) => window.location.assign(url)`
   */
  navigate?: (url: string) => void
  /**
   * Whether this page is the tenant's hosted login page (verify through `/passwordless/verify`).
   * @defaultValue true when `location.host` equals the tenant's host, or for {@link fromUniversalLoginConfig}
   */
  hostedPage?: boolean
}

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
}

const isInteger = (min: number, max: number) => (value: unknown) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max

const optionsSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    domain: text(),
    clientID: z.optional(text()),
    clientId: z.optional(text()),
    redirectUri: z.optional(text()),
    responseType: z.optional(oneOf(['code', 'token', 'id_token', 'id_token token', 'token id_token'])),
    responseMode: z.optional(oneOf(['query', 'fragment'])),
    scope: z.optional(text()),
    audience: z.optional(text()),
    state: z.optional(text()),
    nonce: z.optional(text()),
    leeway: z.optional(satisfying<number>(isInteger(0, 300), 'must be 0 to 300 seconds')),
    internalOptions: z.optional(paramsObject()),
    fetch: z.optional(func<typeof fetch>()),
    timeout: z.optional(satisfying<number>(isInteger(1, 2 ** 31 - 1), 'must be a positive integer')),
    telemetry: z.optional(boolean()),
    headers: z.optional(
      satisfying<HeadersOption>(
        isHeadersOption,
        'must be an object, [name, value] pairs, a Headers or a Map',
      ),
    ),
    navigate: z.optional(func<(url: string) => void>()),
    hostedPage: z.optional(boolean()),
  }),
)

const loopbackHosts = /* @__PURE__ */ new Set(['localhost', '127.0.0.1', '[::1]'])

function invalid(message: string): WebAuthError {
  return new WebAuthError('invalid_options', message)
}

/** Turns `domain` (a host or an origin) into an origin, refusing plain http beyond loopback. */
export function resolveOrigin(domain: string): URL {
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(domain) ? domain : `https://${domain}`
  const url = parseUrl(withScheme, 'invalid_options', '"domain" must be a host name or an origin')
  if (
    url.username ||
    url.password ||
    url.pathname !== '/' ||
    url.search ||
    url.hash ||
    /[?#]$/.test(withScheme)
  ) {
    throw invalid('"domain" must be a host name or an origin')
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopbackHosts.has(url.hostname))) {
    throw invalid('"domain" must use https (http only for localhost)')
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
    throw invalid('"clientID" and "clientId" differ')
  }
  const clientId = options.clientID ?? options.clientId
  if (!clientId) throw invalid('"clientID" is required')
  const origin = resolveOrigin(options.domain)
  const responseType: ResponseType =
    options.responseType === 'token id_token' ? 'id_token token' : (options.responseType ?? 'code')
  const named: Record<string, ParamValue | undefined> = {
    response_type: responseType,
    scope: options.scope ?? 'openid profile email',
    response_mode: options.responseMode,
    audience: options.audience,
    redirect_uri:
      options.redirectUri === undefined
        ? undefined
        : checkRedirectUri(options.redirectUri, 'invalid_options', 'redirectUri'),
    state: options.state,
    nonce: options.nonce,
  }
  const internal = toWireParams(options.internalOptions ?? {}, 'internalOptions', 'invalid_options')
  const authorizeParams = { ...toWireParams(named, 'options', 'invalid_options'), ...internal }
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
  }
}
