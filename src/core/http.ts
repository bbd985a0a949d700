import ky, { type Input, type KyInstance, type Options } from 'ky'
import { base64UrlEncodeUtf8 } from '../lib/encoding'
import { isPlainObject, nonEmptyString } from '../lib/json'
import {
  codeRefusalReason,
  sdkError,
  serverError,
  type SdkErrorCode,
  type WebAuthError,
  type WebAuthErrorDetails,
} from './errors'
import { VERSION } from './version'

/** Options of one request. */
export interface RequestOptions {
  /** Cancels the request. */
  signal?: AbortSignal | undefined
  /**
   * `'include'` sends cookies cross-origin (only `/co/authenticate` needs them).
   * @defaultValue `'same-origin'`
   */
  credentials?: 'include'
}

type SignalOption = Pick<RequestOptions, 'signal'>

/** The SDK's only way to talk to the server: JSON or a form in, JSON out, failures as {@link WebAuthError}. */
export interface HttpClient {
  /** POSTs a JSON body. Never retried: a retried `/passwordless/start` sends the person a second message. */
  post(path: string, body: unknown, options?: RequestOptions): Promise<unknown>
  /**
   * POSTs a form (`application/x-www-form-urlencoded`) as a CORS simple request: without the
   * `Auth0-Client` header and without cookies, so the browser sends no preflight. Never retried.
   */
  postForm(path: string, fields: Record<string, string>, options?: SignalOption): Promise<unknown>
  /** GETs a JSON document. */
  get(path: string, options?: SignalOption): Promise<unknown>
}

/** The `Auth0-Client` header value: base64url of the SDK's name and version. */
export function telemetryHeader(): string {
  return base64UrlEncodeUtf8(JSON.stringify({ name: 'passwordless-webauth', version: VERSION }))
}

/** How to reach one tenant. */
export interface HttpSettings {
  /** The tenant's origin, such as `https://tenant.example.com`. */
  origin: string
  /** Milliseconds allowed for each request. */
  timeout: number
  /** Whether to send the `Auth0-Client` header. */
  telemetry: boolean
  /** Checked custom headers, by lower-case name. */
  headers: Record<string, string>
  /** The `fetch` to use; `undefined` for the global one. */
  fetch: typeof fetch | undefined
}

/** Creates the client for one tenant: base URL, timeout, telemetry, custom headers and `fetch`. */
export function createHttpClient(options: HttpSettings): HttpClient {
  // A Headers object, so that a custom header and ours never both go out under two spellings.
  const headers = new Headers(options.headers)
  if (options.telemetry) headers.set('Auth0-Client', telemetryHeader())
  const api: KyInstance = ky.create({
    timeout: options.timeout,
    // Deliberate: no request is ever retried by the SDK, GETs included, so a caller
    // sees each failure once and decides.
    retry: 0,
    throwHttpErrors: false,
    headers,
  })
  const send = async (
    path: string,
    init: RequestOptions & Omit<Options, keyof RequestOptions>,
    body: BodyInit | null = null,
  ) => {
    let response: Response
    let text: string
    try {
      response = await api(options.origin + path, {
        // ky types `signal` as `AbortSignal | null`; the callers' `undefined` means the same to it.
        ...(init as Options),
        // Deliberate: the body is handed to fetch, not to ky. Before every fetch ky clones its Request
        // (to keep one for a retry, which the SDK never makes); in Chromium the clone costs about 0.5 ms
        // and the cloned body is then uploaded as a stream, about 0.6 ms more per POST (measured against
        // a local server). ky still builds the request: URL, method, headers, credentials, signal, timeout.
        fetch: (request: Input) => (options.fetch ?? fetch)(request, { body }),
      })
      text = await response.text()
    } catch (error) {
      throw transportError(error, init.signal)
    }
    return readResponse(response, text)
  }
  const withoutTelemetry = { 'Auth0-Client': undefined }
  return {
    post: (path, body, init) =>
      send(
        path,
        { ...init, method: 'post', headers: { 'content-type': 'application/json' } },
        JSON.stringify(body),
      ),
    // Deliberate: no telemetry header here. Any header outside the CORS safelist makes the browser
    // send a preflight first, one more round trip before the tokens; the form's content type is safelisted.
    postForm: (path, fields, init) =>
      send(path, { ...init, method: 'post', headers: withoutTelemetry }, new URLSearchParams(fields)),
    // Deliberate: no telemetry header on GETs (the JWKS), so they stay simple requests that need
    // no CORS preflight, as with any public document.
    get: (path, init) => send(path, { ...init, headers: withoutTelemetry }),
  }
}

function transportError(error: unknown, signal: AbortSignal | undefined): WebAuthError {
  if (signal?.aborted) return sdkError('aborted', 'Cancelled.', { cause: error })
  if ((error as { name?: unknown } | null)?.name === 'TimeoutError') {
    return sdkError('timeout', 'No answer in time.', { cause: error })
  }
  // fetch rejects with a TypeError for every transport failure (offline, DNS, CORS, reset),
  // and browsers deliberately do not say which.
  return sdkError('network_error', 'The server could not be reached.', {
    cause: error,
  })
}

function readResponse(response: Response, text: string): unknown {
  const statusCode = response.status
  const fail = (code: SdkErrorCode, description: string, details?: WebAuthErrorDetails): never => {
    throw sdkError(code, description, { statusCode, ...details })
  }
  let parsed: unknown
  try {
    // An empty body reads as `{}`: some endpoints (/passwordless/verify) answer 200 with none.
    parsed = text.trim() ? JSON.parse(text) : {}
  } catch {
    if (response.ok) fail('invalid_response', `Invalid JSON (HTTP ${statusCode}).`)
  }
  if (response.ok) return parsed
  const body: Record<string, unknown> = isPlainObject(parsed) ? parsed : {}
  const serverCode = nonEmptyString(body.error) ?? nonEmptyString(body.code)
  if (statusCode === 429) {
    const retryAfter = readRetryAfter(response.headers)
    // Always `too_many_requests`; a brute-force block (the server's `too_many_attempts`) says so in `reason`.
    return fail(
      'too_many_requests',
      `Too many requests.${retryAfter === undefined ? '' : ` Retry in ${retryAfter} s.`}`,
      { retryAfter, reason: codeRefusalReason(serverCode) },
    )
  }
  if (serverCode) {
    throw serverError(
      serverCode,
      nonEmptyString(body.error_description) ??
        nonEmptyString(body.description) ??
        nonEmptyString(body.message) ??
        `Refused (HTTP ${statusCode}).`,
      statusCode,
    )
  }
  return statusCode >= 500
    ? fail('server_error', `Server error (HTTP ${statusCode}).`)
    : fail('invalid_response', `Unreadable error (HTTP ${statusCode}).`)
}

/**
 * Seconds to wait, from `Retry-After` (seconds or an HTTP date) or else from
 * `X-RateLimit-Reset` (an epoch time in seconds, as Auth0 sends it).
 */
export function readRetryAfter(headers: Headers, now: number = Date.now()): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim()
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return Number(retryAfter)
    // An HTTP date has a weekday and a month name; `1.5` or `-3` are malformed, not dates.
    const date = /[a-z]/i.test(retryAfter) ? Date.parse(retryAfter) : Number.NaN
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - now) / 1000))
  }
  const reset = headers.get('x-ratelimit-reset')?.trim()
  if (reset && /^\d+$/.test(reset)) return Math.max(0, Math.ceil(Number(reset) - now / 1000))
  return undefined
}
