/**
 * Shared set-up for the emulator's tests: an in-process emulator with a silent logger and a controllable
 * clock, called through a plain fetch exactly as the SDK's tests call it.
 */
import { createHash, randomBytes } from 'node:crypto'
import { createLocalJWKSet, jwtVerify } from 'jose'
import { expect } from 'vitest'
import { createEmulator } from '../../demo/server/app'
import type { Emulator, EmulatorOptions } from '../../demo/server/app'
import { TEST_CLIENT_IP_HEADER } from '../../demo/server/http'

export const SPA = 'spa-demo'
export const WEB = 'regular-web-demo'
export const WEB_SECRET = 'regular-web-demo-secret'
export const NATIVE = 'native-demo'
export const SPA_CALLBACK = 'http://localhost:4401/callback'
export const SPA_ORIGIN = 'http://localhost:4401'
export const WEB_CALLBACK = 'http://localhost:4402/callback'
export const OTP_GRANT = 'http://auth0.com/oauth/grant-type/passwordless/otp'

export interface Harness {
  emulator: Emulator
  lines: string[]
  clock: { now: number }
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>
  post: (path: string, body: unknown, headers?: Record<string, string>) => Promise<Response>
  get: (path: string, headers?: Record<string, string>) => Promise<Response>
}

export function setup(options: EmulatorOptions = {}): Harness {
  const lines: string[] = []
  const clock = { now: Date.UTC(2030, 0, 1, 12, 0, 0) }
  const emulator = createEmulator({ log: (line) => lines.push(line), clock: () => clock.now, ...options })
  const fetch = (input: string | URL | Request, init?: RequestInit): Promise<Response> =>
    emulator.fetch(new Request(typeof input === 'string' ? new URL(input, emulator.issuer) : input, init))
  return {
    emulator,
    lines,
    clock,
    fetch,
    post: (path, body, headers = {}) =>
      fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      }),
    get: (path, headers = {}) => fetch(path, { headers, redirect: 'manual' }),
  }
}

/** Starts an email code login for the SPA (or the given body) and answers the response. */
export function startEmail(
  h: Harness,
  email: string,
  extra: Record<string, unknown> = {},
  headers = {},
): Promise<Response> {
  return h.post(
    '/passwordless/start',
    { client_id: SPA, connection: 'email', send: 'code', email, ...extra },
    headers,
  )
}

/** Exchanges a code with the native app's OTP grant (which uses the code up on success). */
export async function otpGrant(
  h: Harness,
  email: string,
  otp: string,
  clientId = NATIVE,
  headers: Record<string, string> = {},
) {
  const response = await h.post(
    '/oauth/token',
    { grant_type: OTP_GRANT, client_id: clientId, realm: 'email', username: email, otp },
    headers,
  )
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** Starts an email code login for the native app and answers the code sent. */
export async function startNative(h: Harness, email: string, headers: Record<string, string> = {}) {
  const response = await h.post(
    '/passwordless/start',
    { client_id: NATIVE, connection: 'email', send: 'code', email },
    headers,
  )
  expect(response.status).toBe(200)
  return lastMessage(h, email).code
}

/** The newest message sent to `to`, failing the test if there is none. */
export function lastMessage(h: Harness, to: string): { code: string; link?: string } {
  const message = h.emulator.outbox.list(to)[0]
  if (message === undefined) throw new Error(`no message was sent to ${to}`)
  return message
}

/** A wrong code of the same length as `code`, so that only its value is wrong. */
export function wrongCode(code: string): string {
  return code
    .split('')
    .map((digit) => String((Number(digit) + 1) % 10))
    .join('')
}

export function pkce(): { verifier: string; challenge: string } {
  const verifier = randomBytes(32).toString('base64url')
  return { verifier, challenge: createHash('sha256').update(verifier).digest('base64url') }
}

/** An `Authorization: Basic` header (client_secret_basic), as a headers object. */
export function basic(user: string, password: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}` }
}

export function fromIp(ip: string): Record<string, string> {
  return { [TEST_CLIENT_IP_HEADER]: ip }
}

/** Query (or fragment) parameters of a redirect response. */
export function redirectParams(response: Response): URLSearchParams {
  const location = response.headers.get('location')
  if (location === null) throw new Error(`expected a redirect, got ${response.status}`)
  const url = new URL(location)
  return url.hash.length > 1 ? new URLSearchParams(url.hash.slice(1)) : url.searchParams
}

export function locationOf(response: Response): URL {
  const location = response.headers.get('location')
  if (location === null) throw new Error(`expected a redirect, got ${response.status}`)
  return new URL(location)
}

/** Submits the hidden form of a page (the link confirmation page) as a browser would. */
export async function submitForm(h: Harness, page: Response): Promise<Response> {
  const text = await page.text()
  const action = /<form method="post" action="([^"]+)"/.exec(text)?.[1]
  if (action === undefined) throw new Error('no form on the page')
  const fields = [...text.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)"/g)].map(
    ([, name, value]) => [unescape(name ?? ''), unescape(value ?? '')] as [string, string],
  )
  return h.fetch(action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  })
}

function unescape(value: string): string {
  return value
    .replaceAll('&quot;', '"')
    .replaceAll('&#39;', "'")
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&')
}

/** The `Cookie` header a browser would send back after this response (its `Set-Cookie` name=value pairs). */
export function cookiesFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(';')[0] ?? '')
    .join('; ')
}

/** Decodes the `@@config@@` of the hosted login page served by `/authorize`. */
export async function readLoginConfig(
  page: Response,
): Promise<Record<string, unknown> & { internalOptions: Record<string, string> }> {
  const text = await page.text()
  const encoded = /<meta name="auth0-config" content="([^"]+)"/.exec(text)?.[1]
  if (encoded === undefined) throw new Error('no auth0-config on the page')
  return JSON.parse(Buffer.from(encoded, 'base64').toString('utf8'))
}

/**
 * The hosted login page's part of an email code login: opens `/authorize` for the client, sends a code with
 * the page's `internalOptions` as `authParams`, and returns the start's response and the parameters the page
 * sends to `/passwordless/verify_redirect` with the code received.
 */
export async function hostedPageCodeLogin(
  h: Harness,
  login: { clientId: string; callback: string; email: string; state?: string },
): Promise<{ start: Response; verifyRedirect: Record<string, string> }> {
  const authorize = new URLSearchParams({
    client_id: login.clientId,
    redirect_uri: login.callback,
    response_type: 'code',
    ...(login.state === undefined ? {} : { state: login.state }),
  })
  const page = await h.get(`/authorize?${authorize}`)
  const internal = (await readLoginConfig(page)).internalOptions
  // The page's own fetch: same origin, so the browser sends the login cookie /authorize set.
  const start = await h.post(
    '/passwordless/start',
    {
      client_id: login.clientId,
      connection: 'email',
      send: 'code',
      email: login.email,
      authParams: internal,
    },
    { cookie: cookiesFrom(page) },
  )
  const verifyRedirect = {
    client_id: login.clientId,
    connection: 'email',
    email: login.email,
    verification_code: lastMessage(h, login.email).code,
    ...internal,
  }
  return { start, verifyRedirect }
}

/** Sends a link for `email` with these authorize parameters (as the SPA) and answers the link. */
export async function sendLink(
  h: Harness,
  email: string,
  authParams: Record<string, string>,
): Promise<string> {
  const response = await h.post('/passwordless/start', {
    client_id: SPA,
    connection: 'email',
    send: 'link',
    email,
    authParams,
  })
  expect(response.status).toBe(200)
  return lastMessage(h, email).link ?? ''
}

/**
 * The `/passwordless/verify_redirect` address that uses the newest code sent to `email` for the SPA, coming
 * back to its callback with these authorize parameters (which may replace any of the others).
 */
export function verifyRedirectPath(
  h: Harness,
  email: string,
  authorize: Record<string, string> = {},
): string {
  const query = new URLSearchParams({
    client_id: SPA,
    connection: 'email',
    email,
    verification_code: lastMessage(h, email).code,
    redirect_uri: SPA_CALLBACK,
    ...authorize,
  })
  return `/passwordless/verify_redirect?${query}`
}

/** Verifies an ID token against the emulator's published JWKS, as an app would. */
export async function verifyIdToken(h: Harness, idToken: string, audience: string) {
  const jwks = (await (await h.get('/.well-known/jwks.json')).json()) as Parameters<
    typeof createLocalJWKSet
  >[0]
  const { payload } = await jwtVerify(idToken, createLocalJWKSet(jwks), {
    issuer: `${h.emulator.issuer}/`,
    audience,
    algorithms: ['RS256'],
    currentDate: new Date(h.clock.now),
  })
  return payload
}
