import type { RedirectCallbackOptions, RedirectResult } from '../api/types'
import type { Context } from '../core/context'
import { sdkError, serverError } from '../core/errors'
import { cleanAddressBar } from '../core/page'
import { consumeTransaction } from '../core/transactions'
import { subtleCrypto } from '../core/web-crypto'
import { readCallbackParams } from '../input/callback-params'
import { isSafeReturnTo } from '../input/return-to'
import { nonEmptyString, readExpiresIn, withoutUndefined } from '../lib/json'
import { verifyIdToken } from '../token/id-token'
import { JwksCache, type KeySet } from '../token/jwks'

const tokenFields = ['access_token', 'id_token', 'token_type', 'expires_in', 'scope'] as const

type TokenResponse = Partial<Record<(typeof tokenFields)[number], unknown>>

/**
 * Completes a redirect login: checks `state` against the stored transaction (used once),
 * reads an error response, exchanges the code with the PKCE verifier at `/oauth/token`,
 * verifies the ID token, and removes the redirect's parameters from the address bar.
 *
 * @throws WebAuthError `state_mismatch`, `missing_transaction`, the server's `error`,
 *   `invalid_token`, `nonce_mismatch`, or an HTTP failure code
 */
export async function completeRedirect(
  context: Context,
  url: string,
  options: RedirectCallbackOptions = {},
): Promise<RedirectResult> {
  // First of all, before any failure can stop it: the code and tokens leave the address bar.
  cleanAddressBar(url)
  const params = readCallbackParams(url)
  if (options.state !== undefined && options.state !== params.state) {
    throw sdkError('state_mismatch', 'Unexpected redirect state.')
  }
  const transaction = consumeTransaction(context.transactions, params.state)
  if (transaction.clientId !== context.options.clientId) {
    throw sdkError('state_mismatch', 'The redirect is for another app.')
  }
  const error = params.get('error')
  if (error) {
    const description = params.get('error_description') ?? 'Login refused.'
    const refusal = serverError(error, description)
    // The tenant found no session cookie for a login ticket of /co/authenticate ("Unable to configure
    // verification page.", or "No verifier returned from client." from its fallback page): the browser
    // blocked it as a third-party cookie. No other login gets these answers.
    if (/verification page|no verifier/i.test(description)) {
      throw sdkError('third_party_cookies_blocked', description, { cause: refusal })
    }
    throw refusal
  }
  const code = params.get('code')
  const isCodeFlow = transaction.responseType.split(' ').includes('code')
  if (isCodeFlow && !code) throw sdkError('invalid_response', 'No code in the redirect.')
  // An ID token needs WebCrypto to be verified: without it, fail before the single-use code is spent.
  if (transaction.nonce !== undefined) subtleCrypto()
  const jwks = (context.jwks ??= new JwksCache(context.http))
  let keys: Promise<KeySet> | undefined
  // An implicit flow's tokens come in the redirect; a code flow's replace them with the exchange's answer.
  let tokens: TokenResponse | null = Object.fromEntries(tokenFields.map((name) => [name, params.get(name)]))
  if (code) {
    if (!transaction.codeVerifier) {
      throw sdkError('invalid_response', 'Unexpected code in the redirect.')
    }
    // A public client: the PKCE verifier proves this browser started the login; no secret is sent.
    // A form rather than JSON, so that the browser sends it without a CORS preflight (see postForm).
    const exchange = context.http.postForm(
      '/oauth/token',
      {
        grant_type: 'authorization_code',
        client_id: context.options.clientId,
        code,
        code_verifier: transaction.codeVerifier,
        redirect_uri: transaction.redirectUri,
      },
      { signal: options.signal },
    )
    // An ID token is coming back (a nonce was sent): its signing keys are fetched alongside the
    // exchange, not one round trip after its answer. The exchange's failure still comes first.
    if (transaction.nonce !== undefined) keys = jwks.prefetch(options.signal)
    tokens = (await exchange) as TokenResponse | null
  }
  const idToken = nonEmptyString(tokens?.id_token)
  const accessToken = nonEmptyString(tokens?.access_token)
  if (!idToken && !accessToken) throw sdkError('invalid_response', 'No token returned.')
  if (!idToken && (transaction.responseType.includes('id_token') || transaction.nonce !== undefined)) {
    throw sdkError('invalid_token', 'No ID token returned.')
  }
  const { issuer, clientId, leeway } = context.options
  const idTokenPayload = idToken
    ? await verifyIdToken(
        idToken,
        {
          issuer,
          clientId,
          nonce: transaction.nonce,
          leeway,
          now: context.now(),
          accessToken:
            accessToken === undefined ? undefined : { value: accessToken, isFromAuthorizeEndpoint: !code },
        },
        jwks,
        options.signal,
        keys,
      )
    : undefined
  const { returnTo } = transaction
  return withoutUndefined({
    accessToken,
    idToken: idTokenPayload && idToken,
    idTokenPayload,
    expiresIn: readExpiresIn(tokens?.expires_in),
    tokenType: nonEmptyString(tokens?.token_type),
    scope: nonEmptyString(tokens?.scope),
    appState: transaction.appState,
    // Checked again on the way out: storage can be edited between the two ends of a redirect.
    returnTo: returnTo !== undefined && isSafeReturnTo(returnTo) ? returnTo : undefined,
  })
}
