import { compact } from './compact'
import type { Context } from './context'
import { WebAuthError } from './errors'
import { createPkce, randomToken } from './random'
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
 * Refuses a PKCE challenge given by the caller: the SDK makes its own S256 pair for each
 * login, and a caller's `plain` challenge would weaken it.
 *
 * @throws WebAuthError `invalid_input`
 */
export function assertNoPkceOverride(params: WireParams): void {
  if (params.code_challenge !== undefined || params.code_challenge_method !== undefined) {
    throw new WebAuthError('invalid_input', '"authParams.code_challenge" must not be set')
  }
}

/** A same-origin relative path: `/account?tab=1`, never `//evil.example` or `/\evil.example` (S12). */
export function isSafeReturnTo(path: string): boolean {
  // Control characters are refused too: browsers strip tabs and newlines, turning `/\t/evil` into `//evil`.
  // eslint-disable-next-line no-control-regex
  return /^\/(?![/\\])/.test(path) && !/[\u0000-\u001f\\]/.test(path)
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
  assertNoPkceOverride(params)
  const responseType = params.response_type ?? 'code'
  const state = params.state ?? randomToken()
  const asksForIdToken =
    responseType.includes('id_token') || (params.scope ?? '').split(' ').includes('openid')
  const nonce = params.nonce ?? (asksForIdToken ? randomToken() : undefined)
  const redirectUri = params.redirect_uri ?? defaultRedirectUri()
  const pkce = responseType.split(' ').includes('code') ? await createPkce() : undefined
  context.transactions.save(
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
