/**
 * `POST /passwordless/start`: rate limits (E5, E6, E21), validation (E8), client authentication (E7), bot
 * detection (E29), a new code or link into the outbox (E1, E3), and the same answer whoever the person is (E9).
 */
import type { Hono } from 'hono'
import { holdStartToBotDetection } from '../bot-detection'
import { authenticateStart, honourForwardedFor } from '../client-auth'
import type { StartAuthentication } from '../client-auth'
import type { EmulatorContext } from '../context'
import { answerPreflight, applyCors } from '../cors'
import { readParams, requestOrigin } from '../http'
import type { RequestOrigin } from '../http'
import { isTransactionBrowser } from '../login-cookie'
import { logEntry } from '../log-entry'
import type { AppEnv } from '../http'
import { assert } from '../problem'
import { takeStartTokens } from '../start-limits'
import { validateStart } from '../start-validation'
import type { StartRequest } from '../start-validation'
import { findClient } from '../tenant'

export const ENFORCE_SETTING_NAME = 'Enforce client authentication for passwordless connections'

export function registerPasswordlessStart(app: Hono<AppEnv>, context: EmulatorContext): void {
  app.options('/passwordless/start', (c) =>
    answerPreflight(c, context, { credentials: false, methods: 'POST' }),
  )

  app.post('/passwordless/start', async (c) => {
    const params = await readParams(c)
    assert(params !== undefined, 400, 'bad.request', 'Request body must be a JSON object or a form')
    const client = findClient(context.tenant, params['client_id'])
    applyCors(c, client, { credentials: false })

    const authentication =
      client === undefined
        ? undefined
        : authenticateStart(context, client, params, (transaction) =>
            isTransactionBrowser(c, context, transaction.browserCookie),
          )
    const bySecret = authentication === 'secret'
    const forwarded = honourForwardedFor(c, client, bySecret) !== undefined
    takeStartTokens(c, context, { client, bySecret, forwarded })
    const request = validateStart(context, params)
    const origin = requestOrigin(c)

    assert(authentication !== 'invalid_secret', 401, 'invalid_client', 'Invalid client credentials')
    if (authentication === 'none') {
      assert(
        !context.settings.enforceClientAuthForPasswordless,
        403,
        'unauthorized_client',
        'Client authentication is required',
      )
      const description =
        `${ENFORCE_SETTING_NAME}: /passwordless/start was called for the confidential application ` +
        `"${request.client.name}" without a client secret or a forwarded login state. This will be refused ` +
        `once the setting is turned on; call /passwordless/start from your backend with the client secret.`
      context.logs.write(
        logEntry('depnote', description, origin, {
          client: request.client,
          connection: request.connection,
        }),
      )
    }

    holdStartToBotDetection(context, request, params['captcha'], origin)
    deliver(context, request, authentication, origin)
    return c.json(startAnswer(context, request))
  })
}

/** How each way of authenticating a start is told in its log entry (a tenant logs what it accepted). */
const AUTHENTICATED_BY: Record<StartAuthentication, string> = {
  secret: 'the client secret',
  forwarded_state: "the forwarded state of the browser's login transaction",
  public: 'nothing (a public client)',
  none: 'nothing (enforcement is off)',
  invalid_secret: 'nothing',
}

/** Issues the code (any older one dies) and puts the message, code or link, into the outbox. */
function deliver(
  context: EmulatorContext,
  request: StartRequest,
  authentication: StartAuthentication | undefined,
  origin: RequestOrigin,
): void {
  const { settings } = context
  const record = context.codes.issue({
    clientId: request.client.clientId,
    connection: request.connection,
    identity: request.identity,
    send: request.send,
    authParams: request.authParams,
    length: settings.codeLength,
    lifetimeSeconds: settings.codeLifetimeSeconds,
    maxAttempts: settings.maxAttempts,
  })
  const link = request.send === 'link' ? buildLink(context, request, record.code) : undefined
  context.outbox.send({
    to: request.identity,
    channel: request.connection,
    kind: request.send,
    clientId: request.client.clientId,
    code: record.code,
    ...(link === undefined ? {} : { link }),
  })
  const description =
    `${request.send === 'link' ? 'Link' : 'Code'} sent through the ${request.connection} connection; ` +
    `the start was authenticated by ${AUTHENTICATED_BY[authentication ?? 'none']}`
  context.logs.write(logEntry(request.send === 'link' ? 'cls' : 'cs', description, origin, request))
}

/**
 * The magic link: `verify_redirect` with the identity, the code and every authParams key. Without a
 * `redirect_uri` the client's first callback is used, so a link always leads somewhere registered.
 */
function buildLink(context: EmulatorContext, request: StartRequest, code: string): string {
  const url = new URL('/passwordless/verify_redirect', context.issuer)
  url.searchParams.set('client_id', request.client.clientId)
  url.searchParams.set('connection', request.connection)
  url.searchParams.set(request.connection === 'email' ? 'email' : 'phone_number', request.identity)
  url.searchParams.set('verification_code', code)
  const authParams = { ...request.authParams }
  const firstCallback = request.client.callbacks[0]
  if (authParams['redirect_uri'] === undefined && firstCallback !== undefined)
    authParams['redirect_uri'] = firstCallback
  for (const [name, value] of Object.entries(authParams)) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, value)
  }
  return url.toString()
}

/**
 * Auth0's 200 body. E9: it never depends on whether the person already exists (`_id` is fresh each time and
 * `*_verified` is always false), so it cannot be used to find out who has an account.
 */
function startAnswer(context: EmulatorContext, request: StartRequest): Record<string, unknown> {
  const id = Buffer.from(context.randomId(12), 'base64url').toString('hex')
  return request.connection === 'email'
    ? { _id: id, email: request.identity, email_verified: false }
    : { _id: id, phone_number: request.identity, phone_verified: false, request_language: null }
}
