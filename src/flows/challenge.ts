import type { PasswordlessChallenge } from '../api/types'
import { isHostedPage, type Context } from '../core/context'
import { sdkError } from '../core/errors'
import { isPlainObject } from '../lib/json'

/**
 * Asks `POST /passwordless/challenge` whether this login must answer a captcha before a code is sent, as
 * auth0.js's `getChallenge` does. The challenge belongs to the hosted page's login transaction: without
 * its `state` (any page but the hosted one) nothing is asked and none is required.
 *
 * The answer is passed on as the tenant sent it, with `provider` defaulting to `auth0` (Lock draws the
 * image when none is named); the renderer checks what it draws.
 *
 * @throws WebAuthError `invalid_response` for an answer that is not an object; `network_error`, `timeout`
 *   or the server's code
 * @see https://github.com/auth0/auth0.js/blob/v10.2.1/src/authentication/passwordless-authentication.js
 */
export async function fetchChallenge(context: Context): Promise<PasswordlessChallenge> {
  const { state } = context.options.authorizeParams
  if (state === undefined || !isHostedPage(context)) return { required: false }
  const answer = await context.http.post('/passwordless/challenge', { state })
  if (!isPlainObject(answer)) throw sdkError('invalid_response', 'Invalid response.')
  return answer.required === true
    ? ({ provider: 'auth0', ...answer } as PasswordlessChallenge)
    : { required: false }
}
