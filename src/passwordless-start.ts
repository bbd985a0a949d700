import { beginTransaction, mergeAuthParams } from './authorize-params'
import { compact } from './compact'
import { isHostedPage, type Context } from './context'
import { WebAuthError } from './errors'
import { parseStartOptions } from './passwordless-input'
import { discardTransaction } from './transaction'
import { snapshot } from './snapshot'

/** What `/passwordless/start` answered. Identical for known and unknown people. */
export interface PasswordlessStartResult {
  /** How the message was sent. */
  connection: 'email' | 'sms'
  send: 'link' | 'code'
  /** The identity the message went to, as the server recorded it. */
  email?: string
  phoneNumber?: string
  /** The server's id of the request, when it gives one. */
  id?: string
}

const stringOrUndefined = (value: unknown) => (typeof value === 'string' ? value : undefined)

function readStartResponse(body: unknown): Record<string, unknown> {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new WebAuthError('invalid_response', 'Invalid response.')
  }
  return body as Record<string, unknown>
}

/**
 * Sends an email code, an email link or an SMS code through `POST /passwordless/start`.
 * A link started from an app (not the hosted page) first creates the redirect transaction
 * (state, nonce, PKCE) so the link completes in this browser.
 *
 * @throws WebAuthError `client_secret_in_browser` and `invalid_input` before any request;
 *   `too_many_requests`, `network_error`, `timeout`, `aborted` or the server's code after
 */
export async function passwordlessStart(context: Context, input: unknown): Promise<PasswordlessStartResult> {
  const options = parseStartOptions(snapshot(input, 'options', 'invalid_input'))
  // The API sends a link when `send` is absent; SMS can only carry a code.
  const send = options.send ?? (options.connection === 'email' ? 'link' : 'code')
  let authParams = mergeAuthParams(context, options.authParams)
  let createdState: string | undefined
  if (send === 'link' && !isHostedPage(context)) {
    authParams = await beginTransaction(context, authParams, options.connection === 'email' ? options : {})
    createdState = authParams.state
  }
  const isEmail = options.connection === 'email'
  const body = compact({
    client_id: context.options.clientId,
    connection: options.connection,
    send,
    email: isEmail ? options.email : undefined,
    phone_number: isEmail ? undefined : options.phoneNumber,
    authParams,
    captcha: options.captcha,
  })
  try {
    const response = readStartResponse(
      await context.http.post('/passwordless/start', body, { signal: options.signal }),
    )
    return compact({
      connection: options.connection,
      send,
      email: stringOrUndefined(response.email),
      phoneNumber: stringOrUndefined(response.phone_number),
      id: stringOrUndefined(response._id),
    })
  } catch (error) {
    // Nothing is left behind by a start that failed: the link it asked for never left.
    if (createdState !== undefined) discardTransaction(context.transactions, createdState)
    throw error
  }
}
