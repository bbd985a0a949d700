import { sdkError, type WebAuthError } from '../core/errors'
import { parseUrl } from './urls'

/** The parameters a redirect back may carry; all are removed from the address bar. */
const responseParams = [
  'code',
  'state',
  'error',
  'error_description',
  'error_uri',
  'access_token',
  'id_token',
  'token_type',
  'expires_in',
  'scope',
  'session_state',
  'iss',
] as const

/** One redirect's parameters, read from its query or its fragment (never a mix). */
export interface CallbackParams {
  get(name: (typeof responseParams)[number]): string | undefined
  state: string
}

function stateMismatch(description: string): WebAuthError {
  return sdkError('state_mismatch', description)
}

/**
 * Reads a redirect's parameters from the query (`response_mode=query`) or the fragment.
 * A parameter given twice, or a state in both places, is refused: a second value is how an
 * attacker would smuggle their own code or state in (RFC 9700, 4.7).
 *
 * @throws WebAuthError `state_mismatch` when the state is missing or duplicated; `invalid_input` for a bad URL
 */
export function readCallbackParams(url: string): CallbackParams {
  const parsed = parseUrl(url, 'invalid_input', 'url')
  const query = parsed.searchParams
  const fragment = new URLSearchParams(parsed.hash.slice(1))
  if (query.has('state') && fragment.has('state')) throw stateMismatch('Two states in the redirect.')
  const source = fragment.has('state') ? fragment : query
  for (const name of responseParams) {
    if (source.getAll(name).length > 1) {
      throw stateMismatch(`"${name}" repeated in the redirect.`)
    }
  }
  const state = source.get('state')
  if (!state) throw stateMismatch('No state in the redirect.')
  return { state, get: (name) => source.get(name) ?? undefined }
}

/**
 * The same URL without the redirect's parameters, so that a code, a state or a token does
 * not stay in the address bar, the history or a bookmark (RFC 9700, 4.2).
 */
export function removeCallbackParams(url: string): string {
  const parsed = new URL(url)
  for (const name of responseParams) parsed.searchParams.delete(name)
  const fragment = new URLSearchParams(parsed.hash.slice(1))
  const hadFragmentParams = responseParams.some((name) => fragment.has(name))
  for (const name of responseParams) fragment.delete(name)
  if (hadFragmentParams) parsed.hash = fragment.toString()
  // URL keeps a bare "?" or "#" after the last parameter is deleted; drop it.
  return parsed
    .toString()
    .replace(/[?#]+$/, '')
    .replace(/\?#/, '#')
}
