import { createHash } from 'node:crypto'
import { expect } from 'vitest'
import type { PasswordlessLoginOptions, WebAuth } from '../../../src/index'
import { json, type FakeServer, type Reply, type SeenRequest } from './fake-fetch'
import { CLIENT_ID, EMAIL, REDIRECT_URI } from './fixtures'

/** The authorize query of a started redirect login: state, nonce, code_challenge, ... */
export type AuthorizeQuery = Record<string, string>

/**
 * Starts a redirect login the way an app does (`/co/authenticate`, then `/authorize`) and
 * returns the authorize query the SDK navigated to.
 */
export async function beginRedirectLogin(
  webAuth: WebAuth,
  server: FakeServer,
  navigate: { mock: { calls: unknown[][] } },
  extra: Partial<PasswordlessLoginOptions> = {},
): Promise<AuthorizeQuery> {
  server.expect({ method: 'POST', path: '/co/authenticate', reply: json(200, { login_ticket: 'ticket' }) })
  await webAuth.passwordlessLogin({
    connection: 'email',
    email: EMAIL,
    verificationCode: '123456',
    ...extra,
  } as PasswordlessLoginOptions)
  const last = navigate.mock.calls.at(-1)?.[0]
  if (typeof last !== 'string') throw new Error('the SDK did not navigate')
  return Object.fromEntries(new URL(last).searchParams)
}

/** The callback URL the server would redirect to. */
export function callbackUrl(params: Record<string, string>, where: 'query' | 'fragment' = 'query'): string {
  const encoded = new URLSearchParams(params).toString()
  return where === 'query' ? `${REDIRECT_URI}?${encoded}` : `${REDIRECT_URI}#${encoded}`
}

/** The S256 challenge of a verifier, computed independently of the SDK. */
export function s256(verifier: string): string {
  return createHash('sha256').update(verifier).digest('base64url')
}

/**
 * Expects the code exchange at /oauth/token: PKCE, no secret, the right code and redirect, as a
 * form that needs no CORS preflight. With `keys`, also the JWKS request sent alongside it.
 */
export function expectTokenExchange(
  server: FakeServer,
  { code, challenge, reply, keys }: { code: string; challenge: string; reply: Reply; keys?: Reply },
): void {
  server.expect({
    method: 'POST',
    path: '/oauth/token',
    check: (request) => {
      expectSimpleRequest(request)
      expect(request.headers.get('content-type')).toMatch(/^application\/x-www-form-urlencoded\b/)
      const body = request.body as Record<string, string>
      expect(body).toMatchObject({
        grant_type: 'authorization_code',
        client_id: CLIENT_ID,
        code,
        redirect_uri: REDIRECT_URI,
      })
      expect(Object.keys(body).sort()).toEqual([
        'client_id',
        'code',
        'code_verifier',
        'grant_type',
        'redirect_uri',
      ])
      expect(body.code_verifier).toMatch(/^[A-Za-z0-9_-]{43}$/)
      expect(s256(body.code_verifier!)).toBe(challenge)
      expect(request.headers.has('authorization')).toBe(false)
    },
    reply,
  })
  if (keys)
    server.expect({ method: 'GET', path: '/.well-known/jwks.json', check: expectSimpleRequest, reply: keys })
}

// The CORS safelist (Fetch, "CORS-safelisted request-header"): any other header costs a preflight.
const SAFELISTED_HEADERS = ['accept', 'accept-language', 'content-language', 'content-type']
const SIMPLE_CONTENT_TYPES = ['application/x-www-form-urlencoded', 'multipart/form-data', 'text/plain']

/** A request the browser sends without a CORS preflight, and without cookies. */
export function expectSimpleRequest(request: SeenRequest): void {
  expect(['GET', 'HEAD', 'POST']).toContain(request.method)
  expect([...request.headers.keys()].filter((name) => !SAFELISTED_HEADERS.includes(name))).toEqual([])
  const type = request.headers.get('content-type')
  if (type !== null) expect(SIMPLE_CONTENT_TYPES).toContain(type.split(';')[0]!.trim().toLowerCase())
  expect(request.credentials).not.toBe('include')
}
