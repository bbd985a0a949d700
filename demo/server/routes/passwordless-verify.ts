/**
 * `POST /passwordless/verify` (the hosted page checks a code without using it) and
 * `GET|POST /passwordless/verify_redirect` (uses the code and sends the browser back to the app). E1 to E4,
 * E10 and E11: HEAD never uses a code, and a code that went out as an email link is only used once the person
 * presses the button of a confirmation page, because mail scanners open links but do not press buttons.
 */
import type { Hono } from 'hono'
import {
  assertRegisteredCallback,
  checkAuthorizeParams,
  completeLogin,
  readAuthorizeParams,
} from '../authorization'
import type { AuthorizeParams } from '../authorization'
import { checkCode, signInUser } from '../code-verification'
import type { EmulatorContext, LoginTransaction } from '../context'
import { transactionOf } from '../login-transactions'
import { answerPreflight, applyCors } from '../cors'
import { readParams, requestOrigin, requiredParam, stringParam } from '../http'
import type { AppContext, AppEnv, Params } from '../http'
import { logEntry } from '../log-entry'
import { assert } from '../problem'
import { refuseByRedirect, refuseWithPages } from '../refusals'
import { validateIdentity } from '../start-validation'
import type { IdentityRequest } from '../start-validation'
import { findClient } from '../tenant'
import { confirmationPage } from './link-confirmation'

export function registerPasswordlessVerify(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.options('/passwordless/verify', (c) =>
    answerPreflight(c, context, { credentials: false, methods: 'POST' }),
  )

  app.post('/passwordless/verify', async (c) => {
    const params = await readParams(c)
    assert(params !== undefined, 400, 'bad.request', 'Request body must be a JSON object or a form')
    applyCors(c, findClient(context.tenant, params['client_id']), { credentials: false })
    const request = validateIdentity(context, params)
    const code = requireCode(params)
    checkCode(context, request, {
      code,
      consume: false,
      origin: requestOrigin(c),
      refusal: { error: 'invalid_user_password', logType: 'f' },
    })
    return c.json({})
  })

  app.get('/passwordless/verify_redirect', (c) => {
    refuseWithPages(c)
    return verifyRedirect(c, context, c.req.query())
  })
  app.post('/passwordless/verify_redirect', async (c) => {
    refuseWithPages(c)
    const params = await readParams(c)
    assert(params !== undefined, 400, 'invalid_request', 'Unreadable form')
    return verifyRedirect(c, context, params)
  })
}

function requireCode(params: Params): string {
  return requiredParam(params, 'verification_code', 'Missing required property: verification_code')
}

/** Where a login ends: the app's parameters, and the hosted page's transaction when it came from one. */
interface Target {
  authorize: AuthorizeParams
  transaction?: LoginTransaction
}

/**
 * Where the login ends. A `state` naming a live login transaction of this client (the hosted page's path)
 * finishes that transaction with the app's own parameters and state; anything else must name a registered
 * callback itself (E10). From then on, refusals go back to the app.
 */
function resolveTarget(
  c: AppContext,
  context: EmulatorContext,
  request: IdentityRequest,
  params: Params,
): Target {
  const transaction = transactionOf(context, params['state'], request.client.clientId)
  if (transaction !== undefined) {
    assert(
      stringParam(params, '_csrf') === transaction.csrf,
      403,
      'invalid_request',
      'Invalid _csrf for this login',
    )
    refuseByRedirect(c, transaction.authorize)
    return { transaction, authorize: transaction.authorize }
  }
  const redirectUri = params['redirect_uri']
  assertRegisteredCallback(request.client, redirectUri)
  const authorize = readAuthorizeParams((name) => stringParam(params, name), redirectUri)
  refuseByRedirect(c, authorize)
  checkAuthorizeParams(request.client, authorize)
  return { authorize }
}

async function verifyRedirect(c: AppContext, context: EmulatorContext, params: Params): Promise<Response> {
  const request = validateIdentity(context, params)
  const code = requireCode(params)
  const target = resolveTarget(c, context, request, params)

  // E11: a HEAD (link checkers, previews) learns nothing and uses nothing.
  if (c.req.raw.method === 'HEAD') return c.body(null, 200)
  if (
    c.req.raw.method === 'GET' &&
    context.codes.peek(request.connection, request.identity)?.send === 'link'
  ) {
    return confirmationPage(c, request, params, target.authorize.redirectUri)
  }

  const logType = 'f'
  const origin = requestOrigin(c)
  checkCode(context, request, { code, consume: true, origin, refusal: { error: 'access_denied', logType } })
  const user = signInUser(context, request, logType, origin)
  if (target.transaction !== undefined) context.transactions.delete(target.transaction.id)
  const redirect = await completeLogin(context, request.client, user, target.authorize)
  const description =
    target.transaction === undefined ? 'Login with a magic link' : 'Login through the hosted login page'
  context.logs.write(logEntry('s', description, origin, { ...request, userId: user.userId }))
  return c.redirect(redirect, 302)
}
