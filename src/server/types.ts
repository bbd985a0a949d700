// The public types of the server entry (`passwordless-webauth/server`): options, results and the MFA API. Types
// both entries name (the error, an ID token's claims, a start's result) come from ../api/types.ts.
//
// The option types are written by hand, for people to read; test/server/public-types.test.ts pins each one to
// the schema that validates it (./schemas.ts).

import type { AuthParams, IdTokenPayload, PasswordlessStartResult } from '../api/types'
import type { WebAuthError } from '../core/errors'

/** Options of {@link createServerClient}. */
export interface ServerClientOptions {
  /** The tenant: a host (`tenant.example.com`, https) or an origin (`http://localhost:4400`; plain http only for loopback). */
  domain: string
  /** The application's client id. */
  clientId: string
  /**
   * The application's client secret: required for a regular web application (confidential), absent for a
   * native application (public). Sent in the body of every request that authenticates the client.
   */
  clientSecret?: string
  /**
   * Clock skew tolerated when checking an ID token's `exp` and `iat`, in seconds.
   * @defaultValue 60
   */
  leeway?: number
  /**
   * Time allowed for each request, in milliseconds.
   * @defaultValue 10000
   */
  timeout?: number
  /**
   * The `fetch` to use, for tests or special runtimes.
   * @defaultValue `globalThis.fetch`
   */
  fetch?: typeof fetch
  /**
   * Send the `Auth0-Client` header naming this SDK and its version.
   * @defaultValue true
   */
  telemetry?: boolean
}

/** Options every call takes. @inline */
interface CallOptions {
  /** Cancels the call. */
  signal?: AbortSignal
}

/** The person's address, for the calls that the tenant's attack protection counts. @inline */
interface ForwardedForOption {
  /**
   * The IP address (v4 or v6) of the person this call is made for, sent as `auth0-forwarded-for` so that the
   * tenant's rate limits, attack protection and logs count the person rather than your server. Take it from
   * where your server learned it (the socket, or a proxy you trust); never from a header the person sets.
   * Needs `clientSecret`: Auth0 honours the header from a confidential client only.
   */
  forwardedFor?: string
}

/** Options of {@link ServerClient.passwordlessStart}: an email code, an email link, or an SMS code. */
export type ServerStartOptions =
  | (CallOptions &
      ForwardedForOption & {
        connection: 'email'
        /** The person's email address; leading and trailing spaces are trimmed. */
        email: string
        /** @defaultValue `'link'`, as the API does */
        send?: 'link' | 'code'
        /** Authorize parameters for a link (`redirect_uri`, `scope`, `state`, ...), in camelCase or snake_case. */
        authParams?: AuthParams
      })
  | (CallOptions &
      ForwardedForOption & {
        connection: 'sms'
        /** The person's phone number in E.164 form (`+15555550123`). */
        phoneNumber: string
        /** Only `code`: links are sent by email only. */
        send?: 'code'
        /** Authorize parameters, in camelCase or snake_case. */
        authParams?: AuthParams
      })

/** The options of {@link ServerClient.loginWithOtp} besides the person's address or number. @inline */
interface OtpLoginCommon extends CallOptions, ForwardedForOption {
  /** The code the person received: 4 to 10 digits. */
  code: string
  /** @defaultValue `'openid profile email'` */
  scope?: string
  /** The API the access token is for. */
  audience?: string
}

/** Options of {@link ServerClient.loginWithOtp}. */
export type LoginWithOtpOptions =
  | (OtpLoginCommon & { connection: 'email'; email: string })
  | (OtpLoginCommon & { connection: 'sms'; phoneNumber: string })

/** Options of {@link ServerClient.exchangeCode}. */
export interface ExchangeCodeOptions extends CallOptions, ForwardedForOption {
  /** The authorization code the tenant sent back to your callback. */
  code: string
  /** The `redirect_uri` of the authorization request, exactly. */
  redirectUri: string
  /** The `nonce` of the authorization request: the ID token must carry the same one. */
  nonce?: string
  /** The PKCE verifier, when the authorization request sent a `code_challenge`. */
  codeVerifier?: string
}

/** What a login hands back. The SDK keeps none of it. */
export interface ServerTokens {
  accessToken: string
  /** The ID token, verified: signature against the tenant's JWKS, issuer, audience, `azp`, `exp`, `iat`. */
  idToken?: string
  /** The verified claims of the ID token (present when `scope` has `openid`). */
  idTokenPayload?: IdTokenPayload
  refreshToken?: string
  /** Seconds until the access token expires. */
  expiresIn?: number
  tokenType?: string
  scope?: string
  /**
   * After a login with a recovery code: the person's new recovery code, which replaces the one just used.
   * Show it to them once, and ask them to keep it somewhere safe.
   */
  recoveryCode?: string
}

/** What the tenant says the person must do, from an `mfa_required` answer. */
export interface MfaRequirements {
  /** Factors the person can be challenged with: `otp`, `phone`, `push-notification`, `recovery-code`, ... */
  challenge?: Array<{ type: string }>
  /** Factors the person must enroll first. */
  enroll?: Array<{ type: string }>
}

/**
 * The error of a login that needs a second factor (the server's `mfa_required`), with what the
 * {@link ServerClient.mfa | mfa} calls need. `mfaToken` is not enumerable: it stays out of logs that print the
 * error's fields. Tell it apart with {@link isMfaRequired}.
 */
export interface MfaRequiredError extends WebAuthError {
  readonly code: 'mfa_required'
  /** The token to pass to the `mfa` calls; it expires (10 minutes on Auth0). */
  readonly mfaToken: string
  readonly mfaRequirements: MfaRequirements
}

/** A factor the person enrolled, from `GET /mfa/authenticators`. */
export interface MfaAuthenticator {
  /** Pass it as `authenticatorId` to {@link MfaApi.challenge}. */
  id: string
  /** `otp` (an authenticator app), `oob` (SMS, voice, push, email) or `recovery-code`. */
  authenticatorType: string
  active: boolean
  /** The factor's kind as `mfa_requirements` names it (`otp`, `phone`, `push-notification`, ...), when given. */
  type?: string
  /** For `oob`: `sms`, `voice`, `auth0` (push) or `email`. */
  oobChannel?: string
  /** A name to show: a masked phone number, a device's name. */
  name?: string
}

/** Options of {@link MfaApi.challenge}. */
export interface MfaChallengeOptions extends CallOptions {
  /** The `mfaToken` of the {@link MfaRequiredError}. */
  mfaToken: string
  /** `otp` for an authenticator app (nothing is sent), `oob` to send a code by SMS or a push notification. */
  challengeType: 'otp' | 'oob'
  /** The factor to challenge, from {@link MfaApi.listAuthenticators}; the tenant picks one without it. */
  authenticatorId?: string
}

/** What a challenge started. */
export interface MfaChallenge {
  challengeType: 'otp' | 'oob'
  /** For `oob`: pass it to {@link MfaApi.verify}. */
  oobCode?: string
  /** `prompt` when the person must type the code they received (SMS): pass it as `bindingCode`. */
  bindingMethod?: string
}

/** The options of every {@link MfaApi.verify} call. @inline */
interface MfaVerifyCommon extends CallOptions, ForwardedForOption {
  /** The `mfaToken` of the {@link MfaRequiredError}. */
  mfaToken: string
}

/**
 * Options of {@link MfaApi.verify}: a code from an authenticator app (`otp`), an out-of-band challenge
 * (`oobCode`, with the `bindingCode` the person typed when the challenge's `bindingMethod` is `prompt`), or a
 * recovery code.
 */
export type MfaVerifyOptions =
  | (MfaVerifyCommon & {
      /** The code the authenticator app shows: 4 to 10 digits. */
      otp: string
    })
  | (MfaVerifyCommon & {
      /** The `oobCode` of {@link MfaApi.challenge}. */
      oobCode: string
      /** The code the person received by SMS: 4 to 10 digits. */
      bindingCode?: string
    })
  | (MfaVerifyCommon & {
      /** The person's recovery code: letters and digits. */
      recoveryCode: string
    })

/** The second step of a login that answered `mfa_required`. */
export interface MfaApi {
  /**
   * The factors the person enrolled (`GET /mfa/authenticators`, with the MFA token as bearer token).
   *
   * @throws WebAuthError `invalid_input` before any request; the server's code (`invalid_token`,
   *   `expired_token`, ...) or an HTTP failure code after
   * @see https://auth0.com/docs/api/authentication/multi-factor-authentication/list-authenticators
   */
  listAuthenticators(mfaToken: string, options?: CallOptions): Promise<MfaAuthenticator[]>
  /**
   * Starts a challenge (`POST /mfa/challenge`): for `oob`, the tenant sends a code by SMS or a push
   * notification.
   *
   * @throws WebAuthError `invalid_input` before any request; the server's code
   *   (`unsupported_challenge_type`, `expired_token`, ...) or an HTTP failure code after
   * @see https://auth0.com/docs/api/authentication/multi-factor-authentication/request-mfa-challenge
   */
  challenge(options: MfaChallengeOptions): Promise<MfaChallenge>
  /**
   * Completes the login with the second factor at `/oauth/token` (the grants `mfa-otp`, `mfa-oob` and
   * `mfa-recovery-code`), and verifies the ID token.
   *
   * @throws WebAuthError `invalid_input` before any request; a wrong code as the server's `invalid_grant`
   *   with `reason: 'wrong_code'`; a push not yet answered as `authorization_pending` (ask again in a few
   *   seconds; too soon is `too_many_requests` with `retryAfter`); `expired_token`, `invalid_token`, or an
   *   HTTP failure code
   * @see https://auth0.com/docs/api/authentication/multi-factor-authentication/verify-mfa-with-otp
   */
  verify(options: MfaVerifyOptions): Promise<ServerTokens>
}

/** A tenant as seen from your backend, made by {@link createServerClient}. */
export interface ServerClient {
  /**
   * Sends a one-time code by email or SMS, or a link by email (`POST /passwordless/start`), with the client
   * secret and, when given, the person's address in `auth0-forwarded-for`.
   *
   * @throws WebAuthError `invalid_input` before any request; `too_many_requests`, `network_error`,
   *   `timeout`, `aborted` or the server's code (`bad.email`, `unauthorized_client`, ...) after
   * @see https://auth0.com/docs/api/authentication/passwordless/get-code-or-link
   */
  passwordlessStart(options: ServerStartOptions): Promise<PasswordlessStartResult>
  /**
   * Exchanges the code the person received for tokens (the passwordless OTP grant at `/oauth/token`), and
   * verifies the ID token.
   *
   * @throws WebAuthError `invalid_input` before any request; a refused code as the server's code with
   *   `reason` and a message that reveals nothing; {@link MfaRequiredError} (`mfa_required`) when the person
   *   must pass a second factor; `invalid_token`, or an HTTP failure code
   * @see https://auth0.com/docs/authenticate/passwordless/implement-login/embedded-login/relevant-api-endpoints
   */
  loginWithOtp(options: LoginWithOtpOptions): Promise<ServerTokens>
  /**
   * Exchanges the authorization code of a redirect login (the tenant's login page) for tokens, with the
   * client secret (and the PKCE verifier when one was used), and verifies the ID token and its `nonce`.
   *
   * @throws WebAuthError `invalid_input` before any request; the server's code (`invalid_grant`, ...),
   *   {@link MfaRequiredError}, `invalid_token`, `nonce_mismatch`, or an HTTP failure code
   * @see https://auth0.com/docs/api/authentication/authorization-code-flow/get-token
   */
  exchangeCode(options: ExchangeCodeOptions): Promise<ServerTokens>
  /** The second factor of a login that answered {@link MfaRequiredError | mfa_required}. */
  readonly mfa: MfaApi
}
