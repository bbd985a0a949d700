import type { Context } from '../core/context'
import { browserNavigation } from '../core/page'
import { authorizeSchema } from '../input/passwordless-schemas'
import { snapshot } from '../input/snapshot'
import { parseOrThrow } from '../input/validation'
import { toWireParams } from '../input/wire-params'
import { mergeAuthParams, withOwnFields } from './authorize-params'
import { beginTransaction } from './begin-transaction'

/**
 * Sends the person to the tenant's login page (`GET /authorize`) with a fresh transaction (state, nonce,
 * PKCE S256) stored for `handleRedirectCallback`. The named options and `authParams` go in their wire form;
 * two that disagree are refused rather than one dropped.
 *
 * @throws WebAuthError `client_secret_in_browser`, `invalid_input` naming the field, before navigating
 */
export async function authorize(context: Context, input: unknown = {}): Promise<void> {
  const options = parseOrThrow(
    authorizeSchema(),
    snapshot(input, 'options', 'invalid_input'),
    'invalid_input',
    'options',
  )
  // The named options in their wire form; returnTo and appState go into the transaction, from `options`.
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- taken out of the authorize parameters
  const { authParams, returnTo, appState, ...named } = options
  const params = withOwnFields(mergeAuthParams(context, authParams), {
    client_id: context.options.clientId,
    ...toWireParams(named, 'options', 'invalid_input'),
  })
  // Before the transaction is stored: a page that cannot leave keeps nothing of a login it cannot start.
  const navigate = context.options.navigate ?? browserNavigation()
  const query = await beginTransaction(context, params, options)
  navigate(`${context.options.origin}/authorize?${new URLSearchParams(query)}`)
}
