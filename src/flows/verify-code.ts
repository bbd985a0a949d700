import { isHostedPage, type Context } from '../core/context'
import { inputError, sdkError, throwCodeRefusal } from '../core/errors'
import { OTP_GRANT } from '../core/options'
import { browserNavigation } from '../core/page'
import { discardTransaction } from '../core/transactions'
import { parseLoginOptions } from '../input/passwordless-schemas'
import { snapshot } from '../input/snapshot'
import type { WireParams } from '../input/wire-params'
import { nonEmptyString } from '../lib/json'
import { mergeAuthParams, withOwnFields } from './authorize-params'
import { beginTransaction } from './begin-transaction'

/** Leaves the page for `url` once `onRedirecting` (when given) says so. */
async function leave(
  url: string,
  navigate: (url: string) => void,
  onRedirecting?: (done: () => void) => void,
) {
  if (onRedirecting) await new Promise<void>((resolve) => onRedirecting(resolve))
  navigate(url)
}

/**
 * Completes a code login. On the tenant's hosted page, or with the option `codeLogin: 'verify_redirect'`:
 * `POST /passwordless/verify`, then navigation to `/passwordless/verify_redirect` with every authorize
 * parameter (the page's `state`, or off the hosted page a fresh transaction and PKCE): a top-level navigation,
 * which needs no third-party cookie. Otherwise, as auth0.js: `POST /co/authenticate`, then navigation to
 * `/authorize` with the `login_ticket`, a fresh transaction and PKCE. Everything that can fail on this side
 * (input, conflicting parameters, a missing browser facility) fails before the code is sent: a code is single-use.
 *
 * @throws WebAuthError `client_secret_in_browser`, `invalid_input` and `unsupported_environment` before
 *   any request; the server's code (`invalid_grant`, `access_denied`, ...) with a message that reveals nothing
 */
export async function verifyCode(context: Context, input: unknown): Promise<void> {
  const options = parseLoginOptions(snapshot(input, 'options', 'invalid_input'))
  const { clientId, origin } = context.options
  const navigate = context.options.navigate ?? browserNavigation()
  const identity: WireParams =
    options.connection === 'email' ? { email: options.email } : { phone_number: options.phoneNumber }
  const isHosted = isHostedPage(context)
  const viaVerify = isHosted || context.options.codeLogin === 'verify_redirect'
  const verifyFields = {
    client_id: clientId,
    connection: options.connection,
    verification_code: options.verificationCode,
    ...identity,
  }
  // Conflicts are refused before the code is spent.
  let query = withOwnFields(
    mergeAuthParams(context, options.authParams),
    viaVerify ? verifyFields : { client_id: clientId, realm: options.connection },
  )
  if (!viaVerify && query.login_ticket !== undefined) {
    throw inputError('invalid_input', 'authParams.login_ticket', 'must not be set')
  }
  // Off the hosted page, the transaction (state, nonce, PKCE) is made and stored before the code is spent, and
  // dropped if the code is refused: nothing of a failed login is left behind.
  let state: string | undefined
  if (!isHosted) {
    query = await beginTransaction(context, query, options)
    state = query.state
  }
  const fail = (error: unknown): never => {
    if (state !== undefined) discardTransaction(context.transactions, state)
    return throwCodeRefusal(error)
  }

  let path = '/passwordless/verify_redirect'
  if (viaVerify) {
    await context.http.post('/passwordless/verify', verifyFields, { signal: options.signal }).catch(fail)
  } else {
    const ticket = (await context.http
      .post(
        '/co/authenticate',
        {
          client_id: clientId,
          username: options.connection === 'email' ? options.email : options.phoneNumber,
          otp: options.verificationCode,
          realm: options.connection,
          credential_type: OTP_GRANT,
        },
        { signal: options.signal, credentials: 'include' },
      )
      .catch(fail)) as { login_ticket?: unknown } | null
    const loginTicket = nonEmptyString(ticket?.login_ticket)
    if (!loginTicket) return fail(sdkError('invalid_response', 'No login ticket returned.'))
    query = { ...query, login_ticket: loginTicket }
    path = '/authorize'
  }
  return leave(`${origin}${path}?${new URLSearchParams(query)}`, navigate, options.onRedirecting)
}
