import { createHttpClient, type HttpClient } from '../core/http'
import { isPlainObject } from '../lib/json'
import { withMfaDetails } from './errors'

/** A server client's settings, validated, with defaults applied. Internal. */
export interface ServerSettings {
  /** The tenant's origin, such as `https://tenant.example.com`. */
  origin: string
  /** The issuer ID tokens must name: the origin with a trailing slash, as Auth0 issues it. */
  issuer: string
  clientId: string
  /** `undefined` for a public (native) client. */
  clientSecret: string | undefined
  leeway: number
  timeout: number
  telemetry: boolean
  fetch: typeof fetch | undefined
}

/** One request's extras. */
export interface CallExtras {
  /** Headers of this request only: `auth0-forwarded-for`, or the MFA token as a bearer token. */
  headers?: Record<string, string>
  signal?: AbortSignal | undefined
}

/**
 * The HTTP client of one server client: the browser SDK's (same timeout, no retries, the same errors for the
 * same failures, S4 and S5), made per request so that a request can carry its own headers. An error answer's
 * body is kept beside the request while it is read, so that `mfa_required` keeps its `mfa_token` and
 * `mfa_requirements`, which the shared error reader has no field for.
 */
export function createServerTransport(settings: ServerSettings) {
  const baseFetch = (input: RequestInfo | URL, init?: RequestInit) => (settings.fetch ?? fetch)(input, init)
  const clientFor = (headers: Record<string, string>, onRefusal?: (body: Record<string, unknown>) => void) =>
    createHttpClient({
      origin: settings.origin,
      timeout: settings.timeout,
      telemetry: settings.telemetry,
      headers,
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        const response = await baseFetch(input, init)
        if (!response.ok && onRefusal) {
          const body: unknown = await response
            .clone()
            .json()
            .catch(() => undefined)
          if (isPlainObject(body)) onRefusal(body)
        }
        return response
      }) as typeof fetch,
    })

  const call = async (send: (http: HttpClient) => Promise<unknown>, extras: CallExtras) => {
    let refusal: Record<string, unknown> | undefined
    try {
      return await send(clientFor(extras.headers ?? {}, (body) => (refusal = body)))
    } catch (error) {
      throw withMfaDetails(error, refusal)
    }
  }

  return {
    /** The client for plain GETs (the JWKS). */
    http: clientFor({}),
    /** POSTs JSON; the error of an error answer keeps what `mfa_required` carries. */
    post: (path: string, body: unknown, extras: CallExtras = {}) =>
      call((http) => http.post(path, body, { signal: extras.signal }), extras),
    /** GETs JSON with this request's headers. */
    get: (path: string, extras: CallExtras = {}) =>
      call((http) => http.get(path, { signal: extras.signal }), extras),
  }
}

/** The transport of one server client. */
export type ServerTransport = ReturnType<typeof createServerTransport>
