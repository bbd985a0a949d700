/**
 * `POST /passwordless/verify` (the hosted page checks a code without using it) and
 * `GET|POST /passwordless/verify_redirect` (uses the code and sends the browser back to the app). E1 to E4,
 * E10 and E11: HEAD never uses a code, and a code that went out as an email link is only used once the person
 * presses the button of a confirmation page, because mail scanners open links but do not press buttons.
 */
import type { Hono } from 'hono'
import {
  callbackMismatch,
  checkAuthorizeParams,
  completeLogin,
  errorRedirect,
  readAuthorizeParams,
} from '../authorization'
import type { AuthorizeParams } from '../authorization'
import { blockedResponse, describeVerificationFailure, verifyCode } from '../code-verification'
import type { EmulatorContext, LoginTransaction } from '../context'
import { answerPreflight, applyCors } from '../cors'
import { html } from '../../shared/html'
import { errorPage, page } from '../html'
import { oauthError, readParams, stringParam } from '../http'
import type { AppContext, AppEnv, Params } from '../http'
import { logEntry } from '../log-entry'
import { validateIdentity } from '../start-validation'
import type { IdentityRequest, Problem } from '../start-validation'
import { findClient, isRegisteredCallback } from '../tenant'

export function registerPasswordlessVerify(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.options('/passwordless/verify', (c) =>
    answerPreflight(c, context, { credentials: false, methods: 'POST' }),
  )

  app.post('/passwordless/verify', async (c) => {
    const params = await readParams(c)
    if (params === undefined) return oauthError(c, 400, 'bad.request', 'Request body must be a JSON object')
    applyCors(c, findClient(context.tenant, params['client_id']), { credentials: false })
    const request = validateIdentity(context, params)
    if ('error' in request) return oauthError(c, request.status, request.error, request.description)
    const code = stringParam(params, 'verification_code')
    if (code === undefined || code === '') {
      return oauthError(c, 400, 'invalid_request', 'Missing required property: verification_code')
    }
    const checked = verifyCode(
      context,
      { ...identityKey(request), code },
      { consume: false },
      caller(c, request),
    )
    if (!checked.ok) {
      const description = describeVerificationFailure(checked, request.connection)
      logFailure(context, request, description)
      if (checked.reason === 'blocked') return blockedResponse(c, checked.retryAfterSeconds)
      return oauthError(c, 403, 'invalid_user_password', description)
    }
    return c.json({})
  })

  app.get('/passwordless/verify_redirect', (c) => verifyRedirect(c, context, c.req.query()))
  app.post('/passwordless/verify_redirect', async (c) => {
    const params = await readParams(c)
    if (params === undefined) return errorPage(c, 400, 'invalid_request', 'Unreadable form')
    return verifyRedirect(c, context, params)
  })
}

type Target =
  { authorize: AuthorizeParams; transaction?: LoginTransaction } | { problem: Problem } | { redirect: string }

/**
 * Where the login ends. A `state` naming a live login transaction of this client (the hosted page's path)
 * finishes that transaction with the app's own parameters and state; anything else must name a registered
 * callback itself (E10).
 */
function resolveTarget(context: EmulatorContext, request: IdentityRequest, params: Params): Target {
  const state = stringParam(params, 'state')
  const transaction = state === undefined ? undefined : context.transactions.get(state)
  if (transaction !== undefined && transaction.clientId === request.client.clientId) {
    if (stringParam(params, '_csrf') !== transaction.csrf) {
      return {
        problem: { status: 403, error: 'invalid_request', description: 'Invalid _csrf for this login' },
      }
    }
    return {
      transaction,
      authorize: {
        redirectUri: transaction.redirectUri,
        responseType: transaction.responseType,
        responseMode: transaction.responseMode,
        state: transaction.appState,
        nonce: transaction.nonce,
        scope: transaction.scope,
        audience: transaction.audience,
        codeChallenge: transaction.codeChallenge,
        codeChallengeMethod: transaction.codeChallengeMethod,
      },
    }
  }
  const redirectUri = params['redirect_uri']
  if (!isRegisteredCallback(request.client, redirectUri)) {
    return { problem: callbackMismatch(redirectUri) }
  }
  const authorize = readAuthorizeParams((name) => stringParam(params, name), redirectUri)
  const problem = checkAuthorizeParams(request.client, authorize)
  return problem === undefined ? { authorize } : { redirect: errorRedirect(authorize, problem) }
}

async function verifyRedirect(c: AppContext, context: EmulatorContext, params: Params): Promise<Response> {
  const request = validateIdentity(context, params)
  if ('error' in request) return errorPage(c, request.status, request.error, request.description)
  const code = stringParam(params, 'verification_code')
  if (code === undefined || code === '') {
    return errorPage(c, 400, 'invalid_request', 'Missing required property: verification_code')
  }
  const target = resolveTarget(context, request, params)
  if ('problem' in target)
    return errorPage(c, target.problem.status, target.problem.error, target.problem.description)
  if ('redirect' in target) return c.redirect(target.redirect, 302)

  // E11: a HEAD (link checkers, previews) learns nothing and uses nothing.
  if (c.req.raw.method === 'HEAD') return c.body(null, 200)
  if (
    c.req.raw.method === 'GET' &&
    context.codes.peek(request.connection, request.identity)?.send === 'link'
  ) {
    return confirmationPage(c, request, params, target.authorize.redirectUri)
  }

  const checked = verifyCode(
    context,
    { ...identityKey(request), code },
    { consume: true },
    caller(c, request),
  )
  if (!checked.ok) {
    const description = describeVerificationFailure(checked, request.connection)
    logFailure(context, request, description)
    const error = checked.reason === 'blocked' ? 'too_many_attempts' : 'access_denied'
    return c.redirect(errorRedirect(target.authorize, { error, description }), 302)
  }
  const user = context.users.findOrCreate(
    request.connection,
    request.identity,
    context.settings.signupsAllowed,
  )
  if (user === undefined) {
    logFailure(context, request, 'Public signup is disabled')
    return c.redirect(
      errorRedirect(target.authorize, { error: 'access_denied', description: 'Public signup is disabled' }),
      302,
    )
  }
  if (target.transaction !== undefined) context.transactions.delete(target.transaction.id)
  const redirect = await completeLogin(context, request.client, user, target.authorize)
  const description =
    target.transaction === undefined ? 'Login with a magic link' : 'Login through the hosted login page'
  context.logs.write(logEntry('s', description, { ...request, userId: user.userId }))
  return c.redirect(redirect, 302)
}

/** The page a link opens: a button that POSTs the same parameters, which is what uses the link. */
function confirmationPage(
  c: AppContext,
  request: IdentityRequest,
  params: Params,
  redirectUri: string,
): Response {
  const fields = Object.entries(params)
    .filter((entry): entry is [string, string] => typeof entry[1] === 'string')
    .map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}" />`)
  return page(c, {
    title: 'Confirm sign-in',
    formActions: [new URL(redirectUri).origin],
    body: html`<p>You opened a one-time sign-in link for <strong>${request.identity}</strong>.</p>
      <p>
        Press the button to finish signing in to ${request.client.name}. The link stops working once you do.
      </p>
      <form method="post" action="/passwordless/verify_redirect">
        ${fields}
        <button type="submit">Sign in</button>
      </form>`,
  })
}

function caller(c: AppContext, request: IdentityRequest): { ip: string; clientName: string } {
  return { ip: c.get('clientIp'), clientName: request.client.name }
}

function identityKey(request: IdentityRequest): {
  clientId: string
  connection: IdentityRequest['connection']
  identity: string
} {
  return { clientId: request.client.clientId, connection: request.connection, identity: request.identity }
}

export function logFailure(context: EmulatorContext, request: IdentityRequest, description: string): void {
  context.logs.write(logEntry('f', description, request))
}
