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
  /**
   * An email link came back to a browser that holds no live login for it: opened in another browser (or
   * profile, or private window) than the one that asked for it, or after the login expired. Nothing was
   * exchanged. Ask for a new link here, or open the link where it was asked for.
   */
  LinkNotUsableHere: 'link_not_usable_here',
  /** The ID token's `nonce` differs from the one this login sent. */
  NonceMismatch: 'nonce_mismatch',
  /** The ID token failed validation (signature, algorithm, issuer, audience, time). */
  InvalidToken: 'invalid_token',
  /**
   * A cross-origin code login (`/co/authenticate`) could not finish: the browser did not keep the tenant's
   * session cookie, a third-party cookie, so the tenant refused the login ticket. The code is spent; send a new
   * one and finish with `codeLogin: 'verify_redirect'`, or serve the tenant on the app's site (a custom domain).
   */
  ThirdPartyCookiesBlocked: 'third_party_cookies_blocked',
  /** A browser facility a step needs is missing (page navigation, the page address, WebCrypto); the message names it. */
  UnsupportedEnvironment: 'unsupported_environment',
  /** A failure that fits no other code; `cause` holds the original error. */
  Unexpected: 'unexpected_error',
} as const

/** One of the SDK's own error codes. */
export type SdkErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode]

/**
 * Why the server refused a one-time code, read from its error code and its words (Auth0's), so that an app
 * can say what to do next without parsing messages. The message stays the same for every refusal (S6).
 *
 * - `wrong_code`: not the code that was sent, or no such person (the server answers both alike): try again.
 * - `expired_code`: the code's lifetime is over: ask for a new one.
 * - `too_many_attempts`: this code took too many wrong attempts and no longer works: ask for a new one.
 * - `blocked`: the brute-force protection blocked the email or phone number after failed codes, whatever
 *   the code (Auth0's `too_many_attempts` error): wait, a new code does not help. From an API this is
 *   HTTP 429, so the `code` is `too_many_requests` with `retryAfter`; from a redirect back, the code is
 *   the server's `too_many_attempts`.
 */
export type CodeRefusalReason = 'wrong_code' | 'expired_code' | 'too_many_attempts' | 'blocked'

/** Extra facts attached to a {@link WebAuthError}. */
export interface WebAuthErrorDetails {
  /** The HTTP status, when a response was received. */
  statusCode?: number | undefined
  /** Seconds to wait before trying again (HTTP 429). */
  retryAfter?: number | undefined
  /**
   * The option that was refused, as its path from the options object (`email`, `authParams.redirect_uri`,
   * `headers`): set on `invalid_input` and `invalid_options` when one option is at fault.
   */
  field?: string | undefined
  /**
   * The check of the ID token that failed, on `invalid_token` and `nonce_mismatch`: `signature`, `alg`,
   * `kid`, `crit`, `iss`, `sub`, `aud`, `azp`, `exp`, `iat`, `nonce` or `at_hash` (as jose's
   * `JWTClaimValidationFailed.claim`). Absent when the token cannot be read at all.
   */
  claim?: string | undefined
  /** Why a one-time code was refused, on `passwordlessLogin` failures and redirects back. */
  reason?: CodeRefusalReason | undefined
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
 *   await webAuth.passwordlessLogin({ connection: 'email', email, verificationCode })
 * } catch (error) {
 *   if (!isWebAuthError(error)) throw error
 *   if (error.field === 'verificationCode') show('Digits only.')
 *   else if (error.reason === 'expired_code') show('This code has expired: ask for a new one.')
 *   else if (error.code === 'too_many_requests') wait(error.retryAfter)
 * }
 * ```
 */
export class WebAuthError extends Error {
  override readonly name = 'WebAuthError'
  // `declare`: set by the constructor's one Object.assign, with no class field emitted for each.
  /** A stable, machine-readable code: one of {@link SdkErrorCode} or the server's own. */
  declare readonly code: SdkErrorCode | (string & {})
  /** A human-readable explanation, safe to show (no codes, links or tokens). */
  declare readonly description: string
  /** The HTTP status, when a response was received. */
  declare readonly statusCode?: number
  /** Seconds to wait before trying again, on HTTP 429. */
  declare readonly retryAfter?: number
  /** The refused option's path, on `invalid_input` and `invalid_options`. See {@link WebAuthErrorDetails.field}. */
  declare readonly field?: string
  /** The failed check of the ID token. See {@link WebAuthErrorDetails.claim}. */
  declare readonly claim?: string
  /** Why a one-time code was refused. See {@link CodeRefusalReason}. */
  declare readonly reason?: CodeRefusalReason

  constructor(code: SdkErrorCode | (string & {}), description: string, details: WebAuthErrorDetails = {}) {
    const { cause, statusCode, retryAfter, field, claim, reason } = details
    super(description, cause === undefined ? undefined : { cause })
    Object.assign(this, { code, description, statusCode, retryAfter, field, claim, reason })
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
  return new WebAuthError('unexpected_error', 'Unexpected error.', { cause: error })
}

// The SDK makes its errors through the functions below only (eslint.config.mjs refuses `new WebAuthError(`
// anywhere else in src/): its own codes are checked by the compiler, and a server's code enters in one place.

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
 * A browser facility a step needs is missing (outside a page, or WebCrypto outside a secure context): said
 * before any request, instead of a TypeError surfacing later as `unexpected_error`.
 */
export function unsupportedEnvironment(missing: string, remedy: string): WebAuthError {
  return new WebAuthError('unsupported_environment', `No ${missing} here: ${remedy}.`)
}

/** A refused input whose message names the option: `"email" must be a valid email address`. */
export function inputError(code: InputErrorCode, field: string, rule: string, cause?: unknown): WebAuthError {
  return new WebAuthError(code, `"${field}" ${rule}`, { field, cause })
}

// The codes with which the API refuses a one-time code: wrong, expired, used up, or an unknown person.
const codeRefusals: Array<string | undefined> = ['access_denied', 'invalid_grant', 'invalid_user_password']

/** Whether a server's code is one with which it refuses a one-time code. */
export const isCodeRefusal = (code: string | undefined) => codeRefusals.includes(code)

/**
 * Why the server refused a one-time code (see {@link CodeRefusalReason}), from its code and, for the codes
 * shared by every refusal, its words; `undefined` when they do not say.
 */
export function codeRefusalReason(code: string | undefined, description = ''): CodeRefusalReason | undefined {
  if (code === 'too_many_attempts') return 'blocked'
  if (!isCodeRefusal(code)) return undefined
  if (/expired/i.test(description)) return 'expired_code'
  if (/maximum/i.test(description)) return 'too_many_attempts'
  return /wrong/i.test(description) ? 'wrong_code' : undefined
}

/**
 * An error the server reported, with its code unchanged: the one entry of server codes, for an HTTP
 * error answer and for the `error` parameter of a redirect back. A refused one-time code gets its `reason`.
 */
export function serverError(code: string, description: string, statusCode?: number): WebAuthError {
  return new WebAuthError(code, description, { statusCode, reason: codeRefusalReason(code, description) })
}

/** What a person is told for every refused one-time code, whatever the cause: it reveals nothing (S6). */
export const REFUSED_CODE = 'Wrong or expired code.'

/**
 * A refused one-time code (wrong, expired, an unknown person) in the words of {@link REFUSED_CODE}, with the
 * server's code, answer (`cause`) and `reason` kept for the app. Other failures (a client that is not
 * allowed, a rate limit, a fault) are thrown as they are. Always throws.
 */
export function throwCodeRefusal(error: unknown): never {
  if (!isWebAuthError(error) || !isCodeRefusal(error.code)) throw error
  throw reworded(error, REFUSED_CODE)
}

/**
 * The same failure in other words (a message that reveals nothing, S6): code and details kept, the
 * original error as `cause`.
 */
export function reworded(error: WebAuthError, description: string): WebAuthError {
  // The error's own fields are its details; the constructor reads only those it knows.
  return new WebAuthError(error.code, description, { ...error, cause: error })
}
