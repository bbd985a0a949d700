import { describe, expect, test, vi } from 'vitest'
import { WebAuth } from '../../src/index'
import { fakeServer, json } from './support/fake-fetch'
import {
  APP_ORIGIN,
  CLIENT_ID,
  DOMAIN,
  EMAIL,
  ORIGIN,
  makeWebAuth,
  rejectsWith,
  stubPage,
} from './support/fixtures'

describe('defaults taken from the page', () => {
  test('redirectUri defaults to the page origin and path, without query or fragment', async () => {
    stubPage(`${APP_ORIGIN}/login/page?x=1#frag`)
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) =>
        expect(request.body).toMatchObject({ authParams: { redirect_uri: `${APP_ORIGIN}/login/page` } }),
      reply: json(200, {}),
    })
    const webAuth = new WebAuth({ domain: DOMAIN, clientID: CLIENT_ID, fetch: server.fetch })
    await webAuth.passwordlessStart({ connection: 'email', send: 'link', email: EMAIL })
  })

  test('a link start outside a page without redirectUri is refused before any request', async () => {
    const server = fakeServer()
    const webAuth = new WebAuth({ domain: DOMAIN, clientID: CLIENT_ID, fetch: server.fetch })
    await rejectsWith(
      webAuth.passwordlessStart({ connection: 'email', send: 'link', email: EMAIL }),
      'invalid_options',
      /"redirectUri"/,
    )
  })

  test('navigation defaults to window.location.assign', async () => {
    const assign = vi.fn()
    vi.stubGlobal('window', { location: { assign } })
    const server = fakeServer({ method: 'POST', path: '/passwordless/verify', reply: json(200, {}) })
    const webAuth = new WebAuth({
      domain: DOMAIN,
      clientID: CLIENT_ID,
      fetch: server.fetch,
      hostedPage: true,
    })
    await webAuth.passwordlessLogin({ connection: 'email', email: EMAIL, verificationCode: '123456' })
    expect(assign).toHaveBeenCalledTimes(1)
    expect(String(assign.mock.calls[0]![0])).toMatch(new RegExp(`^${ORIGIN}/passwordless/verify_redirect\\?`))
  })

  test('a page on another host than the tenant is not the hosted page', async () => {
    stubPage(`${APP_ORIGIN}/`)
    const server = fakeServer({
      method: 'POST',
      path: '/co/authenticate',
      reply: json(200, { login_ticket: 't' }),
    })
    const { webAuth, navigate } = makeWebAuth(server)
    await webAuth.passwordlessLogin({ connection: 'email', email: EMAIL, verificationCode: '123456' })
    expect(navigate.mock.calls[0]![0]).toMatch(new RegExp(`^${ORIGIN}/authorize\\?`))
  })
})
