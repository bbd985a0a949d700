import { compact } from './compact'
import type { Context } from './context'
import { WebAuthError } from './errors'
import { createPkce, randomToken } from './random'
import { saveTransaction } from './transaction'
import { checkRedirectUri } from './url'
import { toWireParams, type ParamValue, type WireParams } from './wire-params'

/** Per-call authorize parameters (`authParams`), in camelCase or snake_case. */
export type AuthParams = Record<string, ParamValue>

/**
 * The authorize parameters of one call. Precedence: per-call `authParams` over the
 * constructor's options (internalOptions included) over the defaults.
 *
 * @throws WebAuthError `invalid_input` when two spellings of a key disagree
 */
export function mergeAuthParams(context: Context, authParams: AuthParams | undefined): WireParams {
  return {
    ...context.options.authorizeParams,
    ...toWireParams(authParams ?? {}, 'authParams', 'invalid_input'),
  }
}

/**
 * Adds the request's own fields to its parameters. A forwarded parameter may repeat one of
 * them with the same value; a different value is refused rather than silently overwritten.
 *
 * @throws WebAuthError `invalid_input` naming the conflicting key
 */
export function withOwnFields(params: WireParams, own: WireParams): WireParams {
  for (const [key, value] of Object.entries(own)) {
    if (params[key] !== undefined && params[key] !== value) {
      throw new WebAuthError('invalid_input', `"authParams.${key}" conflicts with the SDK`)
    }
  }
  return { ...params, ...own }
}

function defaultRedirectUri(): string {
  if (typeof location === 'undefined') {
    throw new WebAuthError('invalid_options', '"redirectUri" is required')
  }
  return location.origin + location.pathname
}

/**
 * Refuses authorize parameters an app-side login must not carry: a PKCE challenge (the SDK
 * makes its own S256 pair, and a caller's `plain` one would weaken it) or a `redirect_uri`
 * that is not an http(s) URL. Run before any request, so no code is spent on a doomed login.
 *
 * @throws WebAuthError `invalid_input` naming the parameter
 */
export function assertSafeAuthorizeParams(params: WireParams): void {
  if (params.code_challenge !== undefined || params.code_challenge_method !== undefined) {
    throw new WebAuthError('invalid_input', '"authParams.code_challenge" must not be set')
  }
  if (params.redirect_uri !== undefined)
    checkRedirectUri(params.redirect_uri, 'invalid_input', 'redirect_uri')
}

/** A same-origin relative path: `/account?tab=1`, never `//evil.example` or `/\evil.example` (S12). */
export function isSafeReturnTo(path: string): boolean {
  // Control characters are refused too: browsers strip tabs and newlines, turning `/\t/evil` into `//evil`.
  // eslint-disable-next-line no-control-regex
  if (!/^\/(?![/\\])/.test(path) || /[\u0000-\u001f\\]/.test(path)) return false
  // Dot segments, encoded or not, are resolved the way the URL parser will: `/.//evil.example` and
  // `/%2e%2e//evil.example` become `//evil.example`, an address on another host.
  return !new URL(path, 'https://a.invalid').pathname.startsWith('//')
}

/** The app's data carried through the redirect and handed back by the callback. */
export interface AppStateOptions {
  /** A same-origin relative path to return to after login. */
  returnTo?: string | undefined
  /** Any JSON data. */
  appState?: unknown
}

/**
 * Starts a redirect transaction: a CSPRNG `state` (unless one was given: it is never
 * replaced), a `nonce` when an ID token is asked for, and a PKCE S256 pair for a code
 * flow, stored per state. Returns the parameters to send.
 *
 * @throws WebAuthError `invalid_input` when `authParams` tries to set PKCE itself
 */
export async function beginTransaction(
  context: Context,
  params: WireParams,
  app: AppStateOptions,
): Promise<WireParams> {
  assertSafeAuthorizeParams(params)
  const responseType = params.response_type ?? 'code'
  const state = params.state ?? randomToken()
  const types = responseType.split(' ')
  // An ID token comes back for id_token, or from the token endpoint of a code flow with openid;
  // never for response_type=token, so no nonce is asked for there.
  const asksForIdToken =
    types.includes('id_token') ||
    (types.includes('code') && (params.scope ?? '').split(' ').includes('openid'))
  const nonce = params.nonce ?? (asksForIdToken ? randomToken() : undefined)
  const redirectUri = params.redirect_uri ?? defaultRedirectUri()
  const pkce = types.includes('code') ? await createPkce() : undefined
  saveTransaction(
    context.transactions,
    compact({
      state,
      nonce,
      codeVerifier: pkce?.codeVerifier,
      redirectUri,
      clientId: context.options.clientId,
      responseType,
      returnTo: app.returnTo,
      appState: app.appState,
    }),
  )
  return compact({
    ...params,
    response_type: responseType,
    redirect_uri: redirectUri,
    state,
    nonce,
    code_challenge: pkce?.codeChallenge,
    code_challenge_method: pkce?.codeChallengeMethod,
  })
}
