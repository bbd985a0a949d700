import { describe, expect, test } from 'vitest'
import { WebAuth, type WebAuthOptions } from '../../src/index'
import { fakeServer, json } from './support/fake-fetch'
import { CLIENT_ID, DOMAIN, EMAIL, throwsWith } from './support/fixtures'

const build = (options: Record<string, unknown>) => () => new WebAuth(options as unknown as WebAuthOptions)

describe('new WebAuth()', () => {
  test('accepts a host name and sends to its https origin', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.url.origin).toBe(`https://${DOMAIN}`),
      reply: json(200, {}),
    })
    const webAuth = new WebAuth({ domain: DOMAIN, clientID: CLIENT_ID, fetch: server.fetch })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })

  test.each([
    'http://localhost:4400',
    'http://127.0.0.1:3000',
    'https://tenant.example.com',
    'https://tenant.example.com/',
  ])('accepts the origin %s', async (domain) => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.url.origin).toBe(new URL(domain).origin),
      reply: json(200, {}),
    })
    const webAuth = new WebAuth({ domain, clientID: CLIENT_ID, fetch: server.fetch })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })

  test.each([
    ['plain http beyond loopback', 'http://tenant.example.com'],
    ['plain http on a look-alike of localhost', 'http://localhost.evil.example'],
    ['a path', 'tenant.example.com/path'],
    ['a query', 'https://tenant.example.com/?x=1'],
    ['credentials', 'https://user:pw@tenant.example.com'],
    ['another scheme', 'ftp://tenant.example.com'],
    ['an empty string', ''],
    ['blanks only', '   '],
  ])('refuses a domain with %s, naming "domain"', (_what, domain) => {
    const error = throwsWith(build({ domain, clientID: CLIENT_ID }), 'invalid_options', /"domain"/)
    expect(error.field).toBe('domain')
  })

  test('refuses a missing domain', () => {
    expect(throwsWith(build({ clientID: CLIENT_ID }), 'invalid_options', /"domain"/).field).toBe('domain')
  })

  test('accepts clientId as well as clientID', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.body).toMatchObject({ client_id: 'other-id' }),
      reply: json(200, {}),
    })
    const webAuth = new WebAuth({ domain: DOMAIN, clientId: 'other-id', fetch: server.fetch })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })

  test('refuses a missing client id, naming "clientID"', () => {
    expect(throwsWith(build({ domain: DOMAIN }), 'invalid_options', /"clientID"/).field).toBe('clientID')
  })

  test('refuses clientID and clientId that differ', () => {
    const error = throwsWith(
      build({ domain: DOMAIN, clientID: 'a', clientId: 'b' }),
      'invalid_options',
      /"clientID"|"clientId"/,
    )
    expect(error.field).toBe('clientID')
  })

  test.each([
    ['redirect_uri', 'redirectUri'],
    ['response_type', 'responseType'],
    ['client_id', 'clientId'],
  ])('refuses the unknown option %s with a hint at %s', (key, hint) => {
    const error = throwsWith(build({ domain: DOMAIN, clientID: CLIENT_ID, [key]: 'x' }), 'invalid_options')
    expect(error.message).toContain(`"${key}"`)
    expect(error.message).toMatch(new RegExp(`did you mean "${hint}"`))
    expect(error.field).toBe(key)
  })

  test('refuses an unknown option without a misleading hint', () => {
    const error = throwsWith(
      build({ domain: DOMAIN, clientID: CLIENT_ID, colour: 'red' }),
      'invalid_options',
      /"colour"/,
    )
    expect(error.message).not.toMatch(/did you mean/)
  })

  test.each([
    ['responseType', 'magic'],
    ['responseMode', 'form_post'],
    ['timeout', -1],
    ['timeout', 1.5],
    ['timeout', '1000'],
    ['leeway', -1],
    ['leeway', 301],
    ['telemetry', 'yes'],
    ['fetch', 'not a function'],
    ['navigate', 42],
    ['hostedPage', 'true'],
    ['headers', { 'X-Count': 1 }],
    ['internalOptions', 'state=abc'],
    ['redirectUri', 'not a url'],
    ['redirectUri', 'https://app.example.com/callback#fragment'],
    ['redirectUri', 'javascript:alert(1)'],
    ['scope', ''],
  ])('refuses %s = %j, naming the field in the message and in `field`', (field, value) => {
    const error = throwsWith(
      build({ domain: DOMAIN, clientID: CLIENT_ID, [field]: value }),
      'invalid_options',
      new RegExp(`"${field}`),
    )
    expect(error.field).toBe(field)
  })

  test('refuses options that are not an object, with no field to name', () => {
    const error = throwsWith(build(null as unknown as Record<string, unknown>), 'invalid_options', /options/)
    expect(error.field).toBeUndefined()
  })

  test('refuses the auth0-forwarded-for header: only a backend may speak for the IP address', () => {
    throwsWith(
      build({ domain: DOMAIN, clientID: CLIENT_ID, headers: { 'Auth0-Forwarded-For': '1.2.3.4' } }),
      'invalid_options',
      /auth0-forwarded-for/i,
    )
  })

  test('sends custom headers with every request', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.headers.get('x-request-source')).toBe('tests'),
      reply: json(200, {}),
    })
    const webAuth = new WebAuth({
      domain: DOMAIN,
      clientID: CLIENT_ID,
      headers: { 'X-Request-Source': 'tests' },
      fetch: server.fetch,
    })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })
})
