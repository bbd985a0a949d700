// The public types of the SDK, in one place: options, results, callbacks and the values they hold. The
// error's own types live beside the error class (../core/errors.ts) and are re-exported here.
//
// The option types are written by hand, for people to read. test/types/public-types.test.ts pins each one
// to the schema that validates it (../input/), so the two cannot drift apart.

import type { WebAuthError } from '../core/errors'

export type { CodeRefusalReason, SdkErrorCode, WebAuthErrorDetails } from '../core/errors'

/** A value that can travel as an authorize parameter. */
export type ParamValue = string | number | boolean

/** Per-call authorize parameters (`authParams`), in camelCase or snake_case. */
export type AuthParams = Record<string, ParamValue>

/**
 * Extra request headers, in any of the forms `fetch` accepts: an object, pairs, a `Headers` or a `Map`.
 * @inline
 */
export type HeadersOption = Record<string, string> | Iterable<readonly [string, string]>

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
  /** Where the redirect carries its parameters. @defaultValue `'query'` for `code`, `'fragment'` for implicit types */
  responseMode?: 'query' | 'fragment'
  /** @defaultValue `'openid profile email'` */
  scope?: string
  /** The API the access token is for. */
  audience?: string
  /** A state to send instead of a random one. It is never replaced; make it unguessable. */
  state?: string
  /** A nonce to send instead of a random one. */
  nonce?: string
  /** Clock skew tolerated when checking the ID token's `exp` and `iat`, in seconds. @defaultValue 60 */
  leeway?: number
  /**
   * A Universal Login page's `config.internalOptions`: every key is forwarded to the server,
   * in snake_case or camelCase, none dropped.
   */
  internalOptions?: Record<string, ParamValue>
  /** The `fetch` to use, for tests or special runtimes. @defaultValue `globalThis.fetch` */
  fetch?: typeof fetch
  /** Time allowed for each request, in milliseconds. @defaultValue 10000 */
  timeout?: number
  /** Send the `Auth0-Client` header naming this SDK and its version. @defaultValue true */
  telemetry?: boolean
  /**
   * Extra headers for every request: an object, `[name, value]` pairs, a `Headers` or a `Map`.
   * Credentials (`Authorization`, names that spell a secret) and `auth0-forwarded-for` are refused.
   */
  headers?: HeadersOption
  /** How the SDK leaves the page; replace it to observe or to handle navigation. @defaultValue `location.assign` */
  navigate?: (url: string) => void
  /**
   * Whether this page is the tenant's hosted login page (verify through `/passwordless/verify`).
   * @defaultValue true when `location.host` equals the tenant's host, or for {@link fromUniversalLoginConfig}
   */
  hostedPage?: boolean
  /**
   * How `passwordlessLogin` completes a code login away from the hosted page (see {@link CodeLogin}).
   * Apps whose tenant is on another site than the app, without a custom domain, should set `'verify_redirect'`.
   * @defaultValue `'cross_origin'`, as auth0.js
   */
  codeLogin?: CodeLogin
}

/**
 * How a code login completes away from the tenant's hosted page.
 * - `cross_origin`: `POST /co/authenticate`, then `/authorize` with the login ticket, as auth0.js. The ticket
 *   needs the tenant's session cookie, a third-party cookie unless the app and the tenant share a site (a
 *   custom domain): where the browser blocks it, the redirect back ends in `third_party_cookies_blocked`.
 * - `verify_redirect`: `POST /passwordless/verify`, then a top-level navigation to
 *   `/passwordless/verify_redirect` with the code and a fresh state, nonce and PKCE challenge, as an email link
 *   does: no third-party cookie. The code travels in that one address.
 */
export type CodeLogin = 'cross_origin' | 'verify_redirect'

/** Options every call takes. @inline */
interface CommonOptions {
  /** Authorize parameters for this call only; they take precedence over the constructor's. */
  authParams?: AuthParams
  /** Cancels the call. */
  signal?: AbortSignal
}

/** What a login that leaves the page hands back to the app. @inline */
interface RedirectOptions {
  /** A same-origin relative path handed back by `handleRedirectCallback` after login. */
  returnTo?: string
  /** Any JSON data handed back by `handleRedirectCallback` after login. */
  appState?: unknown
}

/** Options of `passwordlessStart`: an email code, an email link (the default `send`), or an SMS code. */
export type PasswordlessStartOptions =
  | (CommonOptions &
      RedirectOptions & {
        connection: 'email'
        /** The person's email address; leading and trailing spaces are trimmed. */
        email: string
        /** @defaultValue `'link'`, as the API does */
        send?: 'link' | 'code'
        /** A captcha answer, when the tenant asks for one. */
        captcha?: string
      })
  | (CommonOptions & {
      connection: 'sms'
      /** The person's phone number in E.164 form (`+15555550123`). */
      phoneNumber: string
      /** Only `code`: links are sent by email only. */
      send?: 'code'
      /** A captcha answer, when the tenant asks for one. */
      captcha?: string
    })

/** The options of `passwordlessLogin` besides the person's address or number. @inline */
interface LoginCommon extends CommonOptions, RedirectOptions {
  /** The code the person received: 4 to 10 digits. */
  verificationCode: string
  /** Called before the page is left; call `done` to continue (as in auth0.js). */
  onRedirecting?: (done: () => void) => void
}

/**
 * Options of `authorize`: where the tenant's login page starts. Every other authorize parameter
 * (`max_age`, `organization`, `acr_values`, ...) goes in `authParams`.
 */
export interface AuthorizeOptions extends RedirectOptions {
  /** The connection to log in with (`email`, `sms`, or any the tenant has). */
  connection?: string
  /** The address or number to fill in (`login_hint`). */
  loginHint?: string
  /** The screen to open on (`screen_hint`, such as `signup`). */
  screenHint?: string
  /** The page's languages, most preferred first (`ui_locales`, such as `fr-CA en`). */
  uiLocales?: string
  /** `login` to ask again even with a session, `consent`, `select_account`, or `none`. */
  prompt?: string
  /** Other authorize parameters, in camelCase or snake_case. */
  authParams?: AuthParams
}

/** Options of `passwordlessLogin`. */
export type PasswordlessLoginOptions =
  | (LoginCommon & { connection: 'email'; email: string })
  | (LoginCommon & { connection: 'sms'; phoneNumber: string })

/** What `/passwordless/start` answered. Identical for known and unknown people. */
export interface PasswordlessStartResult {
  /** How the message was sent. */
  connection: 'email' | 'sms'
  send: 'link' | 'code'
  /** The identity the message went to, as the server recorded it. */
  email?: string
  phoneNumber?: string
  /** The server's id of the request, when it gives one. */
  id?: string
}

/** A bot-detection provider: `auth0` (an image), `auth0_v2` (Auth Challenge, Turnstile), or a third party's. */
export type CaptchaProvider =
  'auth0' | 'auth0_v2' | 'recaptcha_v2' | 'recaptcha_enterprise' | 'hcaptcha' | 'friendly_captcha' | 'arkose'

/** What `/passwordless/challenge` answered: whether this login must answer a captcha, and which one. */
export type PasswordlessChallenge =
  | { required: false }
  | {
      required: true
      provider: CaptchaProvider
      /** `auth0`: the image to show, as the tenant sent it (a `data:` URL). */
      image?: string
      /** `auth0`: `'code'` (type the characters shown) or another value (solve the formula shown). */
      type?: string
      /** A widget's site key. */
      siteKey?: string
      /** `arkose`: the subdomain of `arkoselabs.com` its script comes from. */
      clientSubdomain?: string
    }

/** Any `HTMLElement`, spelt as the one member the SDK checks: these types compile without the DOM library. */
export interface CaptchaElement {
  replaceChildren(...nodes: never[]): void
}

/** Options of `renderPasswordlessCaptcha`. */
export interface CaptchaOptions {
  /** The page's CSP nonce, for the widget script the SDK loads (`script-src 'nonce-…'`). */
  nonce?: string
}

/** A captcha drawn by `renderPasswordlessCaptcha`. */
export interface PasswordlessCaptcha {
  /** The challenge shown now; `required: false` when none is needed (the element is then emptied and hidden). */
  readonly challenge: PasswordlessChallenge
  /** The answer to pass as `passwordlessStart`'s `captcha`: what was typed, or the widget's token. */
  getValue(): string | undefined
  /** Asks for a new challenge and draws it: after a start refused with `invalid_captcha`, or any failed start. */
  reload(): Promise<PasswordlessChallenge>
}

/** What a completed login hands back. Tokens stay in memory: the SDK stores none of them. */
export interface RedirectResult {
  accessToken?: string
  idToken?: string
  /** The verified claims of the ID token. */
  idTokenPayload?: IdTokenPayload
  /** Seconds until the access token expires. */
  expiresIn?: number
  tokenType?: string
  scope?: string
  /** The app's data given when the login started. */
  appState?: unknown
  /** The same-origin relative path given when the login started. */
  returnTo?: string
}

/** Options of `handleRedirectCallback`. */
export interface RedirectCallbackOptions {
  /** The state the app expects, when it keeps one itself (auth0.js's `parseHash({ state })`). */
  state?: string
  /** Cancels the token request. */
  signal?: AbortSignal
}

/** Options of the auth0.js-compatible `parseHash`. */
export interface ParseHashOptions extends RedirectCallbackOptions {
  /** The fragment to read, such as `window.location.hash`. @defaultValue the page's URL */
  hash?: string
}

/** The claims of a verified ID token. */
export interface IdTokenPayload {
  iss: string
  sub: string
  aud: string | string[]
  exp: number
  iat: number
  nonce?: string
  azp?: string
  email?: string
  email_verified?: boolean
  phone_number?: string
  phone_verified?: boolean
  [claim: string]: unknown
}

/**
 * The decoded `@@config@@` of a Universal Login custom page, as far as the SDK reads it. The page's other
 * fields are allowed and ignored.
 */
export interface UniversalLoginConfig {
  /** The tenant's host, used when `authorizationServer.url` is absent. */
  auth0Domain: string
  /** The application's client id. */
  clientID: string
  /** Where the tenant sends the person back: the `redirectUri`. */
  callbackURL?: string
  /** `true` for a redirect that carries its parameters in the fragment (`responseMode: 'fragment'`). */
  callbackOnLocationHash?: boolean
  /** The tenant's origin, as the page is served (a custom domain, or the emulator's). */
  authorizationServer?: { url?: string; [field: string]: unknown }
  /** The login transaction's parameters (`state`, `_csrf`, `_intstate`, `nonce`, ...), forwarded whole. */
  internalOptions?: Record<string, ParamValue>
  [field: string]: unknown
}

/** A Node-style callback, as auth0.js takes. */
export type NodeCallback<T> = (error: WebAuthError | null, result?: T) => void

declare const clientBrand: unique symbol

/**
 * A configured tenant, for the function-per-method API. Opaque: create it with
 * {@link createClient} and pass it to {@link passwordlessStart}, {@link passwordlessLogin}
 * and {@link handleRedirectCallback}.
 */
export interface PasswordlessClient {
  readonly [clientBrand]: true
}
