/**
 * The confidential app demo (`node --import tsx demo/regular-web-app/server.ts`, port 4402): a regular web
 * app whose backend holds the `regular-web-demo` client secret, as Auth0's migration guide asks of apps that
 * used to call `/passwordless/start` from the browser. Only node:http; jose (already a dependency of the
 * emulator) verifies ID tokens. PORT, EMULATOR_ORIGIN and CLIENT_SECRET can be changed.
 */
import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { readFile } from 'node:fs/promises'
import type { JWTPayload } from 'jose'
import { endSession, randomToken, sessionFor, tokensEqual } from './sessions'
import type { Profile, Session } from './sessions'
import { createTenantClient, TenantError } from './tenant-client'
import type { Connection } from './tenant-client'
import { baseHeaders, emulatorOrigin, personAddress, readForm, redirect, sendHtml, STATIC } from './http'
import { errorPage, homePage, profilePage, verifyPage } from './views'
import { stopOnSignal } from '../shared/stop-on-signal'

const HOST = '127.0.0.1'
const port = Number(process.env['PORT'] ?? 4402)
const CLIENT_ID = 'regular-web-demo'
// The demo tenant's published secret (demo/server/tenant.json); a real app reads it from its secret store.
const tenant = createTenantClient({
  origin: emulatorOrigin,
  clientId: CLIENT_ID,
  clientSecret: process.env['CLIENT_SECRET'] ?? 'regular-web-demo-secret',
})

function describeTenantError(error: unknown): string {
  if (!(error instanceof TenantError)) return 'Something went wrong. Please try again.'
  if (error.code === 'too_many_requests') {
    const wait = error.retryAfter === undefined ? 'a while' : `${Math.ceil(error.retryAfter / 60)} minute(s)`
    return `Too many requests. Please wait ${wait} before trying again.`
  }
  // The tenant's brute-force protection: too many wrong codes for this address, whatever the code.
  if (error.code === 'too_many_attempts') {
    const wait = error.retryAfter === undefined ? 'a while' : `${Math.ceil(error.retryAfter / 60)} minute(s)`
    return `Too many wrong codes for this address. Please wait ${wait} before trying again.`
  }
  if (error.code === 'bad.email') return 'Please enter a valid email address.'
  if (error.code === 'bad.phone_number') {
    return 'Please enter the phone number in international format, for example +15555550123.'
  }
  if (error.code === 'invalid_grant' || error.code === 'access_denied') {
    if (/expired/i.test(error.description)) return 'This code has expired. Please ask for a new one.'
    if (/maximum number of attempts/i.test(error.description)) {
      return 'Too many wrong attempts with this code. Please ask for a new one.'
    }
    return 'That code is not right. Please check it and try again.'
  }
  if (error.code === 'network_error') return 'The sign-in service cannot be reached right now.'
  return 'The sign-in service refused the request. Please try again.'
}

function toProfile(claims: JWTPayload, method: string): Profile {
  const text = (name: string) => (typeof claims[name] === 'string' ? (claims[name] as string) : undefined)
  const email = text('email')
  const phoneNumber = text('phone_number')
  return {
    sub: claims.sub ?? '',
    ...(email === undefined ? {} : { email }),
    ...(phoneNumber === undefined ? {} : { phoneNumber }),
    verified: claims['email_verified'] === true || claims['phone_verified'] === true,
    issuer: claims.iss ?? '',
    expiresAt: claims.exp ?? 0,
    method,
  }
}

function callbackUrl(request: IncomingMessage): string {
  // Both loopback names are registered callbacks; stay on the one the person used.
  const host = request.headers.host === `localhost:${port}` ? `localhost:${port}` : `${HOST}:${port}`
  return `http://${host}/callback`
}

async function sendCode(
  session: Session,
  connection: Connection,
  identity: string,
  request: IncomingMessage,
) {
  await tenant.startPasswordless(connection, identity, personAddress(request))
  session.pending = { connection, identity }
}

async function handlePost(
  request: IncomingMessage,
  response: ServerResponse,
  session: Session,
  path: string,
) {
  const form = await readForm(request)
  if (!tokensEqual(session.csrf, form.get('csrf') ?? undefined)) {
    return sendHtml(
      response,
      403,
      errorPage(pageContext(session), 'Form expired', 'Please reload the page and try again.'),
    )
  }
  switch (path) {
    case '/start': {
      const connection: Connection = form.get('connection') === 'sms' ? 'sms' : 'email'
      const identity = (form.get('identity') ?? '').trim()
      try {
        await sendCode(session, connection, identity, request)
        session.flash = { kind: 'status', text: 'Code sent.' }
        return redirect(response, '/verify')
      } catch (error) {
        session.flash = { kind: 'alert', text: describeTenantError(error) }
        return redirect(response, '/')
      }
    }
    case '/resend': {
      if (session.pending === undefined) return redirect(response, '/')
      try {
        await sendCode(session, session.pending.connection, session.pending.identity, request)
        session.flash = { kind: 'status', text: 'A new code is on its way.' }
      } catch (error) {
        session.flash = { kind: 'alert', text: describeTenantError(error) }
      }
      return redirect(response, '/verify')
    }
    case '/verify': {
      const pending = session.pending
      if (pending === undefined) return redirect(response, '/')
      try {
        const claims = await tenant.loginWithOtp(
          pending.connection,
          pending.identity,
          (form.get('code') ?? '').trim(),
        )
        delete session.pending
        session.profile = toProfile(
          claims,
          `a code by ${pending.connection === 'sms' ? 'SMS' : 'email'}, checked by our server`,
        )
        return redirect(response, '/')
      } catch (error) {
        session.flash = { kind: 'alert', text: describeTenantError(error) }
        return redirect(response, '/verify')
      }
    }
    case '/logout':
      endSession(session)
      return redirect(response, '/')
  }
  return sendHtml(response, 404, errorPage(pageContext(session), 'Not found', 'There is no such page.'))
}

async function handleCallback(
  request: IncomingMessage,
  response: ServerResponse,
  session: Session,
  query: URLSearchParams,
) {
  const expected = session.authorize
  delete session.authorize
  if (expected === undefined || !tokensEqual(expected.state, query.get('state') ?? undefined)) {
    return sendHtml(
      response,
      400,
      errorPage(
        pageContext(session),
        'Sign-in refused',
        'This sign-in was not started in this browser, or it was already used.',
      ),
    )
  }
  const error = query.get('error')
  const code = query.get('code')
  if (error !== null || code === null) {
    const text = /expired/i.test(query.get('error_description') ?? '')
      ? 'The code expired. Please start again.'
      : 'The sign-in was refused. Please start again.'
    return sendHtml(response, 400, errorPage(pageContext(session), 'Sign-in refused', text))
  }
  try {
    const claims = await tenant.exchangeCode(code, callbackUrl(request), expected.nonce)
    session.profile = toProfile(claims, "the tenant's hosted login page")
    return redirect(response, '/')
  } catch (cause) {
    return sendHtml(
      response,
      502,
      errorPage(pageContext(session), 'Sign-in failed', describeTenantError(cause)),
    )
  }
}

const pageContext = (session: Session) => ({ session, emulatorOrigin })

async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
  const url = new URL(request.url ?? '/', `http://${HOST}`)
  const asset = STATIC[url.pathname]
  if (asset !== undefined && request.method === 'GET') {
    try {
      const contents = await readFile(asset.path)
      response.writeHead(200, baseHeaders(asset.type))
      return void response.end(contents)
    } catch {
      response.writeHead(404, baseHeaders('text/plain; charset=utf-8'))
      return void response.end('Not built yet: run `npm run build` in the repository.\n')
    }
  }
  if (url.pathname === '/favicon.ico') {
    response.writeHead(204, baseHeaders('text/plain'))
    return void response.end()
  }
  const session = sessionFor(request, response)
  if (request.method === 'POST') return handlePost(request, response, session, url.pathname)
  if (request.method !== 'GET') {
    response.writeHead(405, { ...baseHeaders('text/plain; charset=utf-8'), Allow: 'GET, POST' })
    return void response.end('Method not allowed\n')
  }
  switch (url.pathname) {
    case '/':
      return sendHtml(
        response,
        200,
        session.profile ? profilePage(pageContext(session), session.profile) : homePage(pageContext(session)),
      )
    case '/verify':
      return session.pending === undefined
        ? redirect(response, '/')
        : sendHtml(response, 200, verifyPage(pageContext(session)))
    case '/login/hosted': {
      const authorize = { state: randomToken(), nonce: randomToken() }
      session.authorize = authorize
      return redirect(response, tenant.authorizeUrl(callbackUrl(request), authorize.state, authorize.nonce))
    }
    case '/callback':
      return handleCallback(request, response, session, url.searchParams)
  }
  return sendHtml(response, 404, errorPage(pageContext(session), 'Not found', 'There is no such page.'))
}

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(`[regular-web-app] ${request.method} ${request.url} failed:`, error)
    if (!response.headersSent) {
      response.writeHead(500, baseHeaders('text/plain; charset=utf-8'))
      response.end('Internal error\n')
    }
  })
})
server.on('error', (error) => {
  console.error(`The confidential app demo could not listen on ${HOST}:${port}: ${error.message}`)
  process.exitCode = 1
})
server.listen(port, HOST, () => {
  console.log(
    `Demo confidential app at http://${HOST}:${port}/ (client ${CLIENT_ID}, tenant ${emulatorOrigin})`,
  )
})

stopOnSignal(server)
