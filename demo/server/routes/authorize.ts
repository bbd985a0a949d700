/**
 * `GET /authorize`: with a `login_ticket` from `/co/authenticate`, redirects back to the app; without one,
 * starts a login transaction and serves the Universal Login custom page with `@@config@@` filled in.
 */
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import type { Hono } from 'hono'
import {
  assertRegisteredCallback,
  checkAuthorizeParams,
  completeLogin,
  readAuthorizeParams,
} from '../authorization'
import type { AuthorizeParams } from '../authorization'
import type { EmulatorContext, LoginTransaction } from '../context'
import { pageContentSecurityPolicy } from '../html'
import { issueLoginCookie } from '../login-cookie'
import { carriesSessionCookie } from '../session-cookie'
import { logEntry } from '../log-entry'
import { requestOrigin } from '../http'
import type { AppContext, AppEnv } from '../http'
import { assert } from '../problem'
import { refuseByRedirect, refuseWithPages } from '../refusals'
import { findClient } from '../tenant'
import type { ClientConfig, HostedLoginPage } from '../tenant'
import { AUTH0_JS_PATH, SDK_PATH } from './assets'

/** Parameters that become fields of the transaction rather than "other" forwarded parameters. */
const OWN_PARAMS = new Set([
  'client_id',
  'redirect_uri',
  'response_type',
  'response_mode',
  'state',
  'nonce',
  'scope',
  'audience',
  'code_challenge',
  'code_challenge_method',
  'login_ticket',
])

export function registerAuthorize(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.get('/authorize', async (c) => {
    refuseWithPages(c)
    const query = c.req.query()
    const clientId = query['client_id']
    const client = findClient(context.tenant, clientId)
    assert(
      client !== undefined,
      400,
      'invalid_request',
      clientId ? `Unknown client: ${clientId}` : 'Missing required parameter: client_id',
    )
    // E10: never redirect anywhere that is not registered exactly; show a page instead.
    const redirectUri = query['redirect_uri']
    assertRegisteredCallback(client, redirectUri)
    const params = readAuthorizeParams((name) => query[name], redirectUri)
    refuseByRedirect(c, params)
    checkAuthorizeParams(client, params)

    const ticketId = query['login_ticket']
    if (ticketId !== undefined) return redeemTicket(c, context, client, params, ticketId)
    // The emulator keeps no session, so a silent authentication can never succeed.
    assert(query['prompt'] !== 'none', 400, 'login_required', 'Login required')
    return hostedLoginPage(c, context, client, params, query)
  })
}

async function redeemTicket(
  c: AppContext,
  context: EmulatorContext,
  client: ClientConfig,
  params: AuthorizeParams,
  ticketId: string,
): Promise<Response> {
  // take(): a ticket works once, even when the rest of the request is refused.
  const ticket = context.tickets.take(ticketId)
  assert(
    ticket !== undefined && ticket.clientId === client.clientId,
    403,
    'access_denied',
    'Invalid or expired login_ticket',
  )
  // Without the session cookie set with the ticket (a browser that blocks third-party cookies did not keep it),
  // Auth0 falls back to the client's cross-origin verification page; with none configured it sends this error
  // back to the app (docs/emulator.md has the evidence).
  assert(
    carriesSessionCookie(c, ticket.session),
    400,
    'server_error',
    'Unable to configure verification page.',
  )
  const redirect = await completeLogin(context, client, ticket.user, params)
  const description = 'Login with a cross-origin authentication ticket'
  context.logs.write(logEntry('s', description, requestOrigin(c), { client, ...ticket.user }))
  return c.redirect(redirect, 302)
}

async function hostedLoginPage(
  c: AppContext,
  context: EmulatorContext,
  client: ClientConfig,
  params: AuthorizeParams,
  query: Record<string, string>,
): Promise<Response> {
  const extraParams = Object.fromEntries(Object.entries(query).filter(([name]) => !OWN_PARAMS.has(name)))
  const transaction: LoginTransaction = {
    id: context.randomId(24),
    clientId: client.clientId,
    authorize: params,
    csrf: context.randomId(24),
    browserCookie: issueLoginCookie(c, context),
    extraParams,
  }
  context.transactions.put(transaction.id, transaction, context.settings.loginTransactionLifetimeSeconds)
  const page = LOGIN_PAGES[context.settings.hostedLoginPage]
  const template = await readFile(join(context.universalLoginDir, page.file), 'utf8')
  const config = Buffer.from(
    JSON.stringify(universalLoginConfig(context, client, transaction)),
    'utf8',
  ).toString('base64')
  // A nonce per page: its scripts carry it, and the page hands it to the SDK for a captcha widget's script.
  const nonce = context.randomId(18)
  c.header('Content-Security-Policy', pageContentSecurityPolicy([], nonce))
  return c.html(
    template
      .replaceAll('@@config@@', config)
      .replaceAll('@@library@@', page.library ?? '')
      .replaceAll('@@nonce@@', nonce),
  )
}

/** The file of each hosted login page, and the library the template page loads. */
const LOGIN_PAGES: Record<HostedLoginPage, { file: string; library?: string }> = {
  demo: { file: 'index.html' },
  'template-auth0-js': { file: 'template.html', library: AUTH0_JS_PATH },
  'template-passwordless-webauth': { file: 'template.html', library: SDK_PATH },
}

/** The object Auth0 puts behind `@@config@@` on a custom login page, with the fields the SDK reads. */
export function universalLoginConfig(
  context: EmulatorContext,
  client: ClientConfig,
  transaction: LoginTransaction,
): Record<string, unknown> {
  const internalOptions: Record<string, string> = { ...transaction.extraParams }
  const { authorize } = transaction
  const own: Record<string, string | undefined> = {
    // The page's state is the transaction's id; the app's own state comes back to it at the very end.
    state: transaction.id,
    _csrf: transaction.csrf,
    // Auth0 still sends this field, with this value, for older libraries.
    _intstate: 'deprecated',
    nonce: authorize.nonce,
    response_type: authorize.responseType,
    response_mode: authorize.responseMode,
    scope: authorize.scope,
    protocol: 'oauth2',
    audience: authorize.audience,
    code_challenge: authorize.codeChallenge,
    code_challenge_method: authorize.codeChallengeMethod,
  }
  for (const [name, value] of Object.entries(own)) if (value !== undefined) internalOptions[name] = value
  return {
    auth0Domain: new URL(context.issuer).host,
    auth0Tenant: context.tenant.name,
    clientID: client.clientId,
    callbackURL: authorize.redirectUri,
    callbackOnLocationHash: authorize.responseType !== 'code',
    authorizationServer: { url: context.issuer, issuer: `${context.issuer}/` },
    // Auth0's page config carries the texts of the login box; the title names the application.
    dict: { signin: { title: client.name } },
    internalOptions,
  }
}
