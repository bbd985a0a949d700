import { createContext, type Context } from '../core/context'
import { currentUrl } from '../core/page'
import { authorize } from '../flows/authorize'
import { completeRedirect } from '../flows/complete-redirect'
import { sendMessage } from '../flows/send-message'
import { verifyCode } from '../flows/verify-code'
import { fetchChallenge } from '../flows/challenge'
import { universalLoginOptions } from '../input/universal-login'
import { renderCaptcha } from '../ui/captcha'
import { popCallback, settle } from './settle'
import type {
  CaptchaElement,
  CaptchaOptions,
  AuthorizeOptions,
  NodeCallback,
  ParseHashOptions,
  PasswordlessCaptcha,
  PasswordlessChallenge,
  PasswordlessLoginOptions,
  PasswordlessStartOptions,
  PasswordlessStartResult,
  RedirectCallbackOptions,
  RedirectResult,
  WebAuthOptions,
} from './types'

/**
 * Passwordless login against an Auth0-compatible Authentication API: email code, email
 * link and SMS code, for single-page apps and Universal Login custom pages. Every method
 * returns a Promise, or calls a Node-style callback instead when one is given as its last argument.
 *
 * @example
 * ```ts
 * const webAuth = new WebAuth({ domain: 'tenant.example.com', clientID: 'abc', redirectUri: location.origin })
 * await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: 'a@example.com' })
 * await webAuth.passwordlessLogin({ connection: 'email', email: 'a@example.com', verificationCode: '123456' })
 * ```
 */
export class WebAuth {
  readonly #context: Context

  /**
   * @throws WebAuthError `client_secret_in_browser` when a confidential credential appears anywhere
   *   in the options; `invalid_options` naming the field
   */
  constructor(options: WebAuthOptions) {
    this.#context = createContext(options)
  }

  /**
   * Sends a one-time code by email or SMS, or a link by email, through `POST /passwordless/start`.
   *
   * @throws WebAuthError `client_secret_in_browser`, `invalid_input` (no request made);
   *   `too_many_requests` (see `retryAfter`), `network_error`, `timeout`, `aborted`, or the server's code
   * @see https://auth0.com/docs/api/authentication#get-code-or-link
   */
  passwordlessStart(options: PasswordlessStartOptions): Promise<PasswordlessStartResult>
  passwordlessStart(options: PasswordlessStartOptions, callback: NodeCallback<PasswordlessStartResult>): void
  passwordlessStart(options: PasswordlessStartOptions, callback?: NodeCallback<PasswordlessStartResult>) {
    return settle(() => sendMessage(this.#context, options), callback)
  }

  /**
   * Asks whether this login must answer a captcha before a code is sent (`POST /passwordless/challenge`,
   * Auth0's bot detection). Only the hosted login page has a login transaction to ask about: elsewhere, or
   * without a `state`, it resolves to `{ required: false }` without a request.
   *
   * @throws WebAuthError `invalid_response`, `network_error`, `timeout`, or the server's code
   * @see https://auth0.com/docs/secure/attack-protection/bot-detection/bot-detection-passwordless-flows
   */
  getPasswordlessChallenge(): Promise<PasswordlessChallenge>
  getPasswordlessChallenge(callback: NodeCallback<PasswordlessChallenge>): void
  getPasswordlessChallenge(callback?: NodeCallback<PasswordlessChallenge>) {
    return settle(() => fetchChallenge(this.#context), callback)
  }

  /**
   * Draws the passwordless captcha in `element` when the login needs one (see
   * {@link WebAuth.getPasswordlessChallenge}), and hides the element when it does not. Pass `getValue()` as
   * `passwordlessStart`'s `captcha`; after a start refused with `invalid_captcha` (or any failed start),
   * call `reload()`. The `auth0` image, a "New image" button and a field are drawn with DOM calls. A widget
   * (`auth0_v2`, `recaptcha_v2`, `recaptcha_enterprise`, `hcaptcha`, `friendly_captcha`) is drawn with its
   * provider's script: the one the page has loaded, or else the SDK loads it from the address the README lists,
   * once, with `options.nonce` for a page whose CSP allows scripts by nonce. Arkose is not drawn: a page that
   * uses it draws it from {@link WebAuth.getPasswordlessChallenge}'s `siteKey` and `clientSubdomain`.
   *
   * @throws WebAuthError `invalid_input` when `element` is not an element or `nonce` not a string (no request
   *   made); `invalid_response` for a provider it does not draw (`arkose`); `network_error` when the widget's
   *   script does not load (offline, or refused by the page's CSP); the codes of `getPasswordlessChallenge`
   * @example
   * ```ts
   * const captcha = await webAuth.renderPasswordlessCaptcha(document.getElementById('captcha'), { nonce })
   * await webAuth.passwordlessStart({ connection: 'email', send: 'code', email, captcha: captcha.getValue() })
   * ```
   */
  renderPasswordlessCaptcha(element: CaptchaElement, options?: CaptchaOptions): Promise<PasswordlessCaptcha>
  renderPasswordlessCaptcha(element: CaptchaElement, callback: NodeCallback<PasswordlessCaptcha>): void
  renderPasswordlessCaptcha(
    element: CaptchaElement,
    options: CaptchaOptions | undefined,
    callback: NodeCallback<PasswordlessCaptcha>,
  ): void
  renderPasswordlessCaptcha(element: CaptchaElement, ...rest: unknown[]) {
    const callback = popCallback<PasswordlessCaptcha>(rest)
    return settle(() => renderCaptcha(this.#context, element, rest[0] as CaptchaOptions), callback)
  }

  /**
   * Verifies the code and leaves the page to finish the login: through
   * `/passwordless/verify_redirect` on the hosted page, through `/co/authenticate` and
   * `/authorize` elsewhere. Resolves once navigation has been asked for.
   *
   * @throws WebAuthError `client_secret_in_browser`, `invalid_input` (no request made); the
   *   server's code (`invalid_grant`, `access_denied`, ...) with a message that reveals nothing
   */
  passwordlessLogin(options: PasswordlessLoginOptions): Promise<void>
  passwordlessLogin(options: PasswordlessLoginOptions, callback: NodeCallback<void>): void
  passwordlessLogin(options: PasswordlessLoginOptions, callback?: NodeCallback<void>) {
    return settle(() => verifyCode(this.#context, options), callback)
  }

  /**
   * Sends the person to the tenant's login page, `GET /authorize`, with a fresh state, nonce and PKCE
   * challenge; the login completes in {@link WebAuth.handleRedirectCallback}. Resolves once navigation has
   * been asked for.
   *
   * @throws WebAuthError `client_secret_in_browser`, `invalid_input` naming the field (no navigation)
   * @see https://auth0.com/docs/api/authentication#authorization-code-flow-with-pkce
   * @example
   * ```ts
   * await webAuth.authorize({ connection: 'email', loginHint: 'ada@example.com', uiLocales: 'fr' })
   * ```
   */
  authorize(options?: AuthorizeOptions): Promise<void>
  authorize(options: AuthorizeOptions | undefined, callback: NodeCallback<void>): void
  authorize(options?: AuthorizeOptions, callback?: NodeCallback<void>) {
    return settle(() => authorize(this.#context, options), callback)
  }

  /**
   * Completes a login on the page the server redirected back to: checks the state, exchanges
   * the code with PKCE, verifies the ID token, and cleans the address bar. With a Node-style
   * callback as the last argument, the callback is called instead, exactly once, and nothing rejects.
   *
   * @param url - the redirect URL @defaultValue `location.href`
   * @throws WebAuthError `state_mismatch`, `missing_transaction`, the server's `error`,
   *   `invalid_token`, `nonce_mismatch`
   * @example
   * ```ts
   * const { idTokenPayload, returnTo } = await webAuth.handleRedirectCallback()
   * webAuth.handleRedirectCallback((error, result) => (error ? fail(error) : signIn(result)))
   * ```
   */
  handleRedirectCallback(url?: string, options?: RedirectCallbackOptions): Promise<RedirectResult>
  handleRedirectCallback(callback: NodeCallback<RedirectResult>): void
  handleRedirectCallback(url: string | undefined, callback: NodeCallback<RedirectResult>): void
  handleRedirectCallback(
    url: string | undefined,
    options: RedirectCallbackOptions | undefined,
    callback: NodeCallback<RedirectResult>,
  ): void
  handleRedirectCallback(...args: unknown[]) {
    const callback = popCallback<RedirectResult>(args)
    const [url, options] = args
    return settle(
      () =>
        completeRedirect(
          this.#context,
          (url as string | undefined) ?? currentUrl(),
          options as RedirectCallbackOptions | undefined,
        ),
      callback,
    )
  }

  /**
   * auth0.js's name for {@link WebAuth.handleRedirectCallback}.
   *
   * @deprecated Use `handleRedirectCallback`.
   */
  parseHash(callback: NodeCallback<RedirectResult>): void
  parseHash(options: ParseHashOptions, callback: NodeCallback<RedirectResult>): void
  parseHash(options?: ParseHashOptions): Promise<RedirectResult>
  parseHash(...args: unknown[]) {
    const callback = popCallback<RedirectResult>(args)
    const options = (args[0] ?? {}) as ParseHashOptions
    return settle(() => {
      const url = new URL(currentUrl())
      if (options.hash !== undefined) url.hash = options.hash
      // completeRedirect reads `state` and `signal` only; `hash` has been used.
      return completeRedirect(this.#context, url.href, options)
    }, callback)
  }
}

/**
 * Builds a {@link WebAuth} for a Universal Login custom page from its `@@config@@`: the decoded
 * object or its base64 text. `internalOptions` (the page's `state`, `_csrf`, ...) are forwarded
 * with every request, and hosted-page mode is on.
 *
 * @throws WebAuthError `invalid_options` naming the field
 * @example
 * ```html
 * <meta name="auth0-config" content="@@config@@">
 * <script src="passwordless-webauth.umd.min.js"></script>
 * <script src="login.js"></script> <!-- login.js: -->
 * const config = document.querySelector('meta[name="auth0-config"]').content
 * const webAuth = PasswordlessWebAuth.fromUniversalLoginConfig(config)
 * ```
 */
export function fromUniversalLoginConfig(config: unknown, overrides?: Partial<WebAuthOptions>): WebAuth {
  return new WebAuth(universalLoginOptions(config, overrides))
}
