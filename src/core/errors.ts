/**
 * The SDK's own error codes. Codes sent by the server (`bad.email`, `invalid_grant`,
 * `unauthorized_client`, ...) pass through unchanged and are not listed here.
 * The SDK itself uses the string values; this object is exported for apps to compare against.
 */
export const ErrorCode = {
  /** The `WebAuth` options are invalid. */
  InvalidOptions: 'invalid_options',
  /** A method's input is invalid; nothing was sent. */
  InvalidInput: 'invalid_input',
  /** A confidential credential was given to the browser SDK; nothing was sent. */
  ClientSecretInBrowser: 'client_secret_in_browser',
  /** The request did not reach the server (offline, DNS, CORS, connection reset). */
  NetworkError: 'network_error',
  /** The server did not answer within `timeout`. */
  Timeout: 'timeout',
  /** The caller's `AbortSignal` cancelled the call. */
  Aborted: 'aborted',
  /** HTTP 429: see `retryAfter`. */
  TooManyRequests: 'too_many_requests',
  /** The server failed (5xx) without a readable error body. */
  ServerError: 'server_error',
  /** The server's answer could not be read (not JSON, or not the expected shape). */
  InvalidResponse: 'invalid_response',
  /** The redirect's `state` is missing, duplicated or does not match. */
  StateMismatch: 'state_mismatch',
  /** No stored login transaction matches the redirect (unknown, expired or already used). */
  MissingTransaction: 'missing_transaction',
  /** The ID token's `nonce` differs from the one this login sent. */
  NonceMismatch: 'nonce_mismatch',
  /** The ID token failed validation (signature, algorithm, issuer, audience, time). */
  InvalidToken: 'invalid_token',
  /** A browser facility a step needs is missing (page navigation, the page address, WebCrypto); the message names it. */
  UnsupportedEnvironment: 'unsupported_environment',
  /** A failure that fits no other code; `cause` holds the original error. */
  Unexpected: 'unexpected_error',
} as const

/** One of the SDK's own error codes. */
export type SdkErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/** Extra facts attached to a {@link WebAuthError}. */
export interface WebAuthErrorDetails {
  /** The HTTP status, when a response was received. */
  statusCode?: number | undefined
  /** Seconds to wait before trying again (HTTP 429). */
  retryAfter?: number | undefined
  /** The underlying error. */
  cause?: unknown
}

// A brand in the global symbol registry is shared by every realm (iframes,
// popups), so isWebAuthError works where `instanceof` cannot.
const brand = /* @__PURE__ */ Symbol.for('passwordless-webauth.WebAuthError')

/**
 * The single error class of the SDK: every failure of every method has this shape.
 *
 * The message never contains a verification code, a link or a token.
 *
 * @example
 * ```ts
 * try {
 *   await webAuth.passwordlessStart({ connection: 'email', send: 'code', email })
 * } catch (error) {
 *   if (isWebAuthError(error) && error.code === 'too_many_requests') wait(error.retryAfter)
 * }
 * ```
 */
export class WebAuthError extends Error {
  override readonly name = 'WebAuthError'
  /** A stable, machine-readable code: one of {@link SdkErrorCode} or the server's own. */
  readonly code: SdkErrorCode | (string & {})
  /** A human-readable explanation, safe to show (no codes, links or tokens). */
  readonly description: string
  /** The HTTP status, when a response was received. */
  readonly statusCode?: number
  /** Seconds to wait before trying again, on HTTP 429. */
  readonly retryAfter?: number

  constructor(code: SdkErrorCode | (string & {}), description: string, details: WebAuthErrorDetails = {}) {
    super(description, details.cause === undefined ? undefined : { cause: details.cause })
    this.code = code
    this.description = description
    if (details.statusCode !== undefined) this.statusCode = details.statusCode
    if (details.retryAfter !== undefined) this.retryAfter = details.retryAfter
    Object.defineProperty(this, brand, { value: true })
  }
}

/**
 * Tells whether a value is a {@link WebAuthError}, across realms.
 *
 * @example
 * ```ts
 * if (isWebAuthError(error)) show(error.description)
 * ```
 */
export function isWebAuthError(value: unknown): value is WebAuthError {
  return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[brand] === true
}

/**
 * Funnels any failure into a {@link WebAuthError}: every public method ends here, so a
 * caller sees one shape whatever went wrong. Transport failures are classified where
 * they happen (the HTTP module), so an unknown error here is a genuine surprise.
 */
export function toWebAuthError(error: unknown): WebAuthError {
  if (isWebAuthError(error)) return error
  return new WebAuthError('unexpected_error', 'An unexpected error occurred.', { cause: error })
}

// The SDK makes its errors through the three functions below only (eslint.config.mjs refuses
// `new WebAuthError(` anywhere else in src/): its own codes are checked by the compiler, and a server's
// code enters in one place.

/** The codes of a refused input: the constructor's options, or a method's. */
export type InputErrorCode = typeof ErrorCode.InvalidOptions | typeof ErrorCode.InvalidInput

/** An error with one of the SDK's own codes; a misspelt code does not compile. */
export function sdkError(
  code: SdkErrorCode,
  description: string,
  details?: WebAuthErrorDetails,
): WebAuthError {
  return new WebAuthError(code, description, details)
}

/**
 * An error the server reported, with its code unchanged: the one entry of server codes, for an HTTP
 * error answer and for the `error` parameter of a redirect back.
 */
export function serverError(code: string, description: string, details?: WebAuthErrorDetails): WebAuthError {
  return new WebAuthError(code, description, details)
}

/**
 * The same failure in other words (a message that reveals nothing, S6): code and status kept, the
 * original error as `cause`.
 */
export function reworded(error: WebAuthError, description: string): WebAuthError {
  return new WebAuthError(error.code, description, { statusCode: error.statusCode, cause: error })
}
