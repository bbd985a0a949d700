/**
 * Authorize parameters and the end of a browser login: checking `response_type`, `response_mode` and PKCE at
 * the start, then building the redirect back to the app with an authorization code (or, when the app asked
 * for an implicit response type and is allowed it, tokens in the fragment).
 */
import type { AuthorizationCode, EmulatorContext } from './context'
import { assert } from './problem'
import type { Problem } from './problem'
import { isRegisteredCallback } from './tenant'
import type { ClientConfig } from './tenant'
import { issueGrantTokens } from './tokens'
import type { User } from './users'

export const DEFAULT_SCOPE = 'openid profile email'
const IMPLICIT_TYPES = new Set(['token', 'id_token', 'id_token token', 'token id_token'])
/** RFC 7636: 43 to 128 characters of the unreserved set; an S256 challenge is exactly 43. */
const CODE_CHALLENGE = /^[A-Za-z0-9\-._~]{43,128}$/

export interface AuthorizeParams {
  redirectUri: string
  responseType: string
  responseMode?: string | undefined
  state?: string | undefined
  nonce?: string | undefined
  scope: string
  audience?: string | undefined
  codeChallenge?: string | undefined
  codeChallengeMethod?: string | undefined
}

/** Reads the authorize parameters from a query or a body; the redirect URI is checked elsewhere (E10). */
export function readAuthorizeParams(
  get: (name: string) => string | undefined,
  redirectUri: string,
): AuthorizeParams {
  return {
    redirectUri,
    responseType: get('response_type') ?? 'code',
    responseMode: get('response_mode'),
    state: get('state'),
    nonce: get('nonce'),
    scope: get('scope') ?? DEFAULT_SCOPE,
    audience: get('audience'),
    codeChallenge: get('code_challenge'),
    codeChallengeMethod: get('code_challenge_method'),
  }
}

/**
 * Refuses parameters this client may not use. Each problem is 400 `invalid_request` unless it says otherwise;
 * on the browser routes it goes back to the app as an error redirect (refusals.ts).
 * @throws Problem `unsupported_response_type`, `unauthorized_client` or `invalid_request`.
 */
export function checkAuthorizeParams(client: ClientConfig, params: AuthorizeParams): void {
  const implicit = IMPLICIT_TYPES.has(params.responseType)
  assert(
    params.responseType === 'code' || implicit,
    400,
    'unsupported_response_type',
    `Unsupported response type: ${params.responseType}`,
  )
  assert(
    !implicit || client.grantTypes.includes('implicit'),
    400,
    'unauthorized_client',
    `Grant type 'implicit' not allowed for the client.`,
  )
  invalidUnless(
    !implicit || !params.responseType.includes('id_token') || params.nonce !== undefined,
    'Nonce is required for implicit flows that return an id_token',
  )
  invalidUnless(
    params.responseMode === undefined || ['query', 'fragment'].includes(params.responseMode),
    `Unsupported response_mode: ${params.responseMode}`,
  )
  invalidUnless(!implicit || params.responseMode !== 'query', 'Tokens are never returned in the query string')
  if (params.codeChallenge !== undefined) {
    // Deliberately stricter than RFC 7636: `plain` (and its implicit default) is refused, as RFC 9700 advises.
    invalidUnless(params.codeChallengeMethod === 'S256', 'code_challenge_method must be S256')
    invalidUnless(CODE_CHALLENGE.test(params.codeChallenge), 'code_challenge is not a valid S256 challenge')
  } else {
    invalidUnless(
      params.codeChallengeMethod === undefined,
      'code_challenge_method was sent without a code_challenge',
    )
  }
}

function invalidUnless(condition: boolean, description: string): void {
  assert(condition, 400, 'invalid_request', description)
}

/** Where a response goes: the query for the code flow unless asked otherwise, the fragment for tokens. */
function usesFragment(params: Pick<AuthorizeParams, 'responseType' | 'responseMode'>): boolean {
  return (
    params.responseMode === 'fragment' ||
    (params.responseMode === undefined && params.responseType !== 'code')
  )
}

/** The redirect URI with response parameters added in the query or fragment. */
export function buildRedirect(
  params: Pick<AuthorizeParams, 'redirectUri' | 'responseType' | 'responseMode'>,
  values: Record<string, string | undefined>,
): string {
  const url = new URL(params.redirectUri)
  const entries = Object.entries(values).filter((entry): entry is [string, string] => entry[1] !== undefined)
  if (usesFragment(params)) {
    url.hash = new URLSearchParams(entries).toString()
  } else {
    for (const [name, value] of entries) url.searchParams.set(name, value)
  }
  return url.toString()
}

/** Redirect carrying an OAuth error and the app's state back to a registered callback. */
export function errorRedirect(
  params: AuthorizeParams,
  problem: Pick<Problem, 'error' | 'description'>,
): string {
  return buildRedirect(params, {
    error: problem.error,
    error_description: problem.description,
    state: params.state,
  })
}

/** Finishes a login for `user`: the redirect back to the app with a single-use code (E12) or tokens. */
export async function completeLogin(
  context: EmulatorContext,
  client: ClientConfig,
  user: User,
  params: AuthorizeParams,
): Promise<string> {
  if (params.responseType === 'code') {
    const code = context.randomId(32)
    const record: AuthorizationCode = {
      clientId: client.clientId,
      redirectUri: params.redirectUri,
      user,
      scope: params.scope,
      nonce: params.nonce,
      audience: params.audience,
      codeChallenge: params.codeChallenge,
      codeChallengeMethod: params.codeChallengeMethod,
    }
    context.authorizationCodes.put(code, record, context.settings.authorizationCodeLifetimeSeconds)
    return buildRedirect(params, { code, state: params.state })
  }
  const wantsAccessToken = params.responseType.split(' ').includes('token')
  const tokens = await issueGrantTokens(context, {
    clientId: client.clientId,
    user,
    scope: params.scope,
    audience: params.audience,
    nonce: params.nonce,
    withAtHash: wantsAccessToken,
  })
  return buildRedirect(params, {
    access_token: wantsAccessToken ? tokens.access_token : undefined,
    id_token: params.responseType.includes('id_token') ? tokens.id_token : undefined,
    token_type: wantsAccessToken ? tokens.token_type : undefined,
    expires_in: wantsAccessToken ? String(tokens.expires_in) : undefined,
    scope: wantsAccessToken ? tokens.scope : undefined,
    state: params.state,
  })
}

/**
 * E10: a redirect URI must equal one of the client's registered callbacks; anything else is refused with an
 * error page (the caller has not chosen a redirect yet), never redirected to.
 * @throws Problem 400 `invalid_request` naming the address, or saying it is missing.
 */
export function assertRegisteredCallback(
  client: ClientConfig,
  redirectUri: unknown,
): asserts redirectUri is string {
  assert(
    isRegisteredCallback(client, redirectUri),
    400,
    'invalid_request',
    typeof redirectUri === 'string' && redirectUri !== ''
      ? `Callback URL mismatch. ${redirectUri} is not in the list of allowed callback URLs.`
      : 'Missing required parameter: redirect_uri',
  )
}
