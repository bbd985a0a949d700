import type { PasswordlessStartResult } from '../api/types'
import { isHostedPage, type Context } from '../core/context'
import { discardTransaction } from '../core/transactions'
import { parseStartOptions } from '../input/passwordless-schemas'
import { snapshot } from '../input/snapshot'
import { readStartAnswer } from '../input/start-answer'
import { withoutUndefined } from '../lib/json'
import { mergeAuthParams } from './authorize-params'
import { beginTransaction, type AppStateOptions } from './begin-transaction'

/**
 * Sends an email code, an email link or an SMS code through `POST /passwordless/start`.
 * A link started from an app (not the hosted page) first creates the redirect transaction
 * (state, nonce, PKCE) so the link completes in this browser.
 *
 * @throws WebAuthError `client_secret_in_browser` and `invalid_input` before any request;
 *   `too_many_requests`, `network_error`, `timeout`, `aborted` or the server's code after
 */
export async function sendMessage(context: Context, input: unknown): Promise<PasswordlessStartResult> {
  const options = parseStartOptions(snapshot(input, 'options', 'invalid_input'))
  // The API sends a link when `send` is absent; SMS can only carry a code.
  const send = options.send ?? (options.connection === 'email' ? 'link' : 'code')
  let authParams = mergeAuthParams(context, options.authParams)
  let createdState: string | undefined
  if (send === 'link' && !isHostedPage(context)) {
    // `send` is `link`, so the connection is email: the schema allows links by email only.
    authParams = await beginTransaction(context, authParams, { ...(options as AppStateOptions), link: true })
    createdState = authParams.state
  }
  const isEmail = options.connection === 'email'
  const body = withoutUndefined({
    client_id: context.options.clientId,
    connection: options.connection,
    send,
    email: isEmail ? options.email : undefined,
    phone_number: isEmail ? undefined : options.phoneNumber,
    authParams,
    captcha: options.captcha,
  })
  try {
    const response = await context.http.post('/passwordless/start', body, { signal: options.signal })
    return readStartAnswer(response, { connection: options.connection, send })
  } catch (error) {
    // Nothing is left behind by a start that failed: the link it asked for never left.
    if (createdState !== undefined) discardTransaction(context.transactions, createdState)
    throw error
  }
}
