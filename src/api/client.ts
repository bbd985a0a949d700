import { createContext, type Context } from '../core/context'
import { currentUrl } from '../core/page'
import { authorize as leaveForAuthorize } from '../flows/authorize'
import { fetchChallenge } from '../flows/challenge'
import { completeRedirect } from '../flows/complete-redirect'
import { sendMessage } from '../flows/send-message'
import { verifyCode } from '../flows/verify-code'
import { run } from './settle'
import type {
  AuthorizeOptions,
  PasswordlessChallenge,
  PasswordlessClient,
  PasswordlessLoginOptions,
  PasswordlessStartOptions,
  PasswordlessStartResult,
  RedirectCallbackOptions,
  RedirectResult,
  WebAuthOptions,
} from './types'

const contextOf = (client: PasswordlessClient) => client as unknown as Context

/**
 * Validates the options once and returns a client for the function-per-method API. Use this
 * instead of {@link WebAuth} when bundle size matters: a bundler keeps only the functions
 * the app imports (an app that only sends codes carries no callback or ID-token code).
 *
 * @throws WebAuthError with the codes listed at {@link WebAuth.constructor | new WebAuth}
 * @example
 * ```ts
 * import { createClient, passwordlessStart } from 'passwordless-webauth'
 * const client = createClient({ domain: 'tenant.example.com', clientID: 'abc' })
 * await passwordlessStart(client, { connection: 'email', send: 'code', email })
 * ```
 */
export function createClient(options: WebAuthOptions): PasswordlessClient {
  return createContext(options) as unknown as PasswordlessClient
}

/**
 * Sends a one-time code by email or SMS, or a link by email (`POST /passwordless/start`).
 * The same as {@link WebAuth.passwordlessStart}.
 *
 * @throws WebAuthError with the codes listed at {@link WebAuth.passwordlessStart}
 * @see https://auth0.com/docs/api/authentication#get-code-or-link
 */
export function passwordlessStart(
  client: PasswordlessClient,
  options: PasswordlessStartOptions,
): Promise<PasswordlessStartResult> {
  return run(() => sendMessage(contextOf(client), options))
}

/**
 * Verifies the code and leaves the page to finish the login. The same as {@link WebAuth.passwordlessLogin}.
 *
 * @throws WebAuthError with the codes listed at {@link WebAuth.passwordlessLogin}
 */
export function passwordlessLogin(
  client: PasswordlessClient,
  options: PasswordlessLoginOptions,
): Promise<void> {
  return run(() => verifyCode(contextOf(client), options))
}

/**
 * Completes a login on the redirect page. The same as {@link WebAuth.handleRedirectCallback}.
 *
 * @param url - the redirect URL @defaultValue `location.href`
 * @throws WebAuthError with the codes listed at {@link WebAuth.handleRedirectCallback}
 */
export function handleRedirectCallback(
  client: PasswordlessClient,
  url?: string,
  options?: RedirectCallbackOptions,
): Promise<RedirectResult> {
  return run(() => completeRedirect(contextOf(client), url ?? currentUrl(), options))
}

/**
 * Asks whether this login must answer a captcha before a code is sent. The same as
 * {@link WebAuth.getPasswordlessChallenge}.
 *
 * @throws WebAuthError with the codes listed at {@link WebAuth.getPasswordlessChallenge}
 */
export function getPasswordlessChallenge(client: PasswordlessClient): Promise<PasswordlessChallenge> {
  return run(() => fetchChallenge(contextOf(client)))
}

/**
 * Sends the person to the tenant's login page with a fresh transaction. The same as {@link WebAuth.authorize}.
 *
 * @throws WebAuthError with the codes listed at {@link WebAuth.authorize}
 */
export function authorize(client: PasswordlessClient, options?: AuthorizeOptions): Promise<void> {
  return run(() => leaveForAuthorize(contextOf(client), options))
}
