import { describe, expect, test, vi } from 'vitest'
import { WebAuth, createClient, handleRedirectCallback } from '../../src/index'
import { fakeServer, json } from './support/fake-fetch'
import {
  CLIENT_ID,
  DOMAIN,
  REDIRECT_URI,
  emailLogin,
  makeWebAuth,
  rejectsWith,
  storedTransactions,
  stubSessionStorage,
} from './support/fixtures'

// Outside a browser (a test runner, a server, a worker) the steps that use a browser facility by default
// fail with `unsupported_environment`, naming what is missing and what to pass instead, before any request.
// These tests run in Node, which has no window, location or history: the real situation, not a stub.

describe('outside a browser (S5)', () => {
  test('passwordlessLogin without navigate is refused before the code is sent', async () => {
    const server = fakeServer()
    const webAuth = new WebAuth({
      domain: DOMAIN,
      clientID: CLIENT_ID,
      fetch: server.fetch,
      hostedPage: true,
    })
    await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'unsupported_environment', /"navigate"/)
    // The strict fake fetch fails on any request; none was made, so the code was not spent.
    expect(server.requests).toHaveLength(0)
  })

  test('the same on the /co/authenticate path, and no transaction is left behind', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer()
    const webAuth = new WebAuth({
      domain: DOMAIN,
      clientID: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      fetch: server.fetch,
    })
    await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'unsupported_environment', /window/)
    expect(server.requests).toHaveLength(0)
    expect(storedTransactions(storage)).toEqual([])
  })

  test('authorize() without navigate is refused, and no transaction is left behind', async () => {
    const storage = stubSessionStorage()
    const webAuth = new WebAuth({
      domain: DOMAIN,
      clientID: CLIENT_ID,
      redirectUri: REDIRECT_URI,
      fetch: fakeServer().fetch,
    })
    await rejectsWith(webAuth.authorize({ connection: 'email' }), 'unsupported_environment', /window/)
    expect(storedTransactions(storage)).toEqual([])
  })

  test('handleRedirectCallback() without a URL names the URL to pass', async () => {
    const webAuth = new WebAuth({ domain: DOMAIN, clientID: CLIENT_ID, fetch: fakeServer().fetch })
    await rejectsWith(webAuth.handleRedirectCallback(), 'unsupported_environment', /redirect URL/)
  })

  test('the function form and parseHash say the same', async () => {
    const client = createClient({ domain: DOMAIN, clientID: CLIENT_ID, fetch: fakeServer().fetch })
    await rejectsWith(handleRedirectCallback(client), 'unsupported_environment', /location/)
    const webAuth = new WebAuth({ domain: DOMAIN, clientID: CLIENT_ID, fetch: fakeServer().fetch })
    await rejectsWith(webAuth.parseHash(), 'unsupported_environment', /location/)
  })
})

describe('without WebCrypto (a page on plain http beyond localhost)', () => {
  test('a code login is refused before the code is sent, and stores nothing', async () => {
    const storage = stubSessionStorage()
    vi.stubGlobal('crypto', { getRandomValues: (bytes: Uint8Array) => bytes })
    const server = fakeServer()
    const { webAuth, navigate } = makeWebAuth(server)
    await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'unsupported_environment', /https/)
    expect(server.requests).toHaveLength(0)
    expect(navigate).not.toHaveBeenCalled()
    expect(storedTransactions(storage)).toEqual([])
  })
})

describe('a refused code leaves nothing behind', () => {
  test('the transaction made for /co/authenticate is dropped when the code is refused', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer({
      method: 'POST',
      path: '/co/authenticate',
      reply: json(403, { error: 'access_denied', error_description: 'Wrong email or verification code.' }),
    })
    const { webAuth, navigate } = makeWebAuth(server)
    await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'access_denied')
    expect(navigate).not.toHaveBeenCalled()
    expect(storedTransactions(storage)).toEqual([])
  })

  test('and when the answer has no login ticket', async () => {
    const storage = stubSessionStorage()
    const server = fakeServer({ method: 'POST', path: '/co/authenticate', reply: json(200, {}) })
    const { webAuth } = makeWebAuth(server)
    await rejectsWith(webAuth.passwordlessLogin(emailLogin), 'invalid_response')
    expect(storedTransactions(storage)).toEqual([])
  })
})
