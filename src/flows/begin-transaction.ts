import type { Context } from '../core/context'
import { pageRedirectUri } from '../core/page'
import { LINK_STATE_BYTES, saveTransaction } from '../core/transactions'
import type { WireParams } from '../input/wire-params'
import { withoutUndefined } from '../lib/json'
import { randomToken } from '../lib/random'
import { assertSafeAuthorizeParams } from './authorize-params'
import { createPkce } from './pkce'

/** The app's data carried through the redirect and handed back by the callback. */
export interface AppStateOptions {
  /** A same-origin relative path to return to after login. */
  returnTo?: string | undefined
  /** Any JSON data. */
  appState?: unknown
  /** Marks an email link's login: kept where every tab finds it, with a state of its own length. */
  link?: boolean
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
  const state = params.state ?? randomToken(app.link ? LINK_STATE_BYTES : 32)
  const types = responseType.split(' ')
  // An ID token comes back for id_token, or from the token endpoint of a code flow with openid;
  // never for response_type=token, so no nonce is asked for there.
  const asksForIdToken =
    types.includes('id_token') ||
    (types.includes('code') && (params.scope ?? '').split(' ').includes('openid'))
  const nonce = params.nonce ?? (asksForIdToken ? randomToken() : undefined)
  const redirectUri = params.redirect_uri ?? pageRedirectUri()
  const pkce = types.includes('code') ? await createPkce() : undefined
  saveTransaction(
    context.transactions,
    withoutUndefined({
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
  return withoutUndefined({
    ...params,
    response_type: responseType,
    redirect_uri: redirectUri,
    state,
    nonce,
    code_challenge: pkce?.codeChallenge,
    code_challenge_method: pkce?.codeChallengeMethod,
  })
}
