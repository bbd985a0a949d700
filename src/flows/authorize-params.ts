import type { AuthParams } from '../api/types'
import type { Context } from '../core/context'
import { inputError } from '../core/errors'
import { checkRedirectUri } from '../input/urls'
import { toWireParams, type WireParams } from '../input/wire-params'

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
      throw inputError('invalid_input', `authParams.${key}`, 'conflicts with the SDK')
    }
  }
  return { ...params, ...own }
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
    throw inputError('invalid_input', 'authParams.code_challenge', 'must not be set')
  }
  if (params.redirect_uri !== undefined)
    checkRedirectUri(params.redirect_uri, 'invalid_input', 'authParams.redirect_uri')
}
