import { describe, expect, test } from 'vitest'
import {
  SPA,
  SPA_CALLBACK,
  SPA_ORIGIN,
  WEB,
  WEB_CALLBACK,
  WEB_SECRET,
  hostedPageCodeLogin,
  sendLink,
  redirectParams,
  setup,
  submitForm,
} from './helpers'

describe('E10: exact redirect URIs and registered web origins only', () => {
  const near = [
    'http://localhost:4401/callback/',
    'http://localhost:4401/callback?x=1',
    'http://LOCALHOST:4401/callback',
    'http://localhost:4401/callbackx',
    'https://localhost:4401/callback',
    'http://evil.example/callback',
  ]
  for (const uri of near) {
    test(`/authorize shows an error page and does not redirect for ${uri}`, async () => {
      const h = setup()
      const response = await h.get(
        `/authorize?client_id=${SPA}&response_type=code&redirect_uri=${encodeURIComponent(uri)}`,
      )
      expect(response.status).toBe(400)
      expect(response.headers.get('location')).toBeNull()
      expect(response.headers.get('content-type')).toContain('text/html')
      expect(await response.text()).toContain('Callback URL mismatch.')
    })
  }

  test('/authorize refuses an unknown client and a missing redirect_uri with a page', async () => {
    const h = setup()
    const unknown = await h.get(
      `/authorize?client_id=nobody&redirect_uri=${encodeURIComponent(SPA_CALLBACK)}`,
    )
    expect(unknown.status).toBe(400)
    expect(await unknown.text()).toContain('Unknown client: nobody')
    const missing = await h.get(`/authorize?client_id=${SPA}&response_type=code`)
    expect(missing.status).toBe(400)
    expect(missing.headers.get('location')).toBeNull()
  })

  test('a link with an unregistered redirect_uri shows an error page and keeps the code', async () => {
    const h = setup()
    const link = await sendLink(h, 'evil@example.com', {
      redirect_uri: 'http://evil.example/',
      response_type: 'code',
    })
    const response = await h.get(link)
    expect(response.status).toBe(400)
    expect(response.headers.get('location')).toBeNull()
    expect(h.emulator.context.codes.peek('email', 'evil@example.com')).toBeDefined()
  })

  test('a redirect_uri of another client is refused', async () => {
    const h = setup()
    const response = await h.get(
      `/authorize?client_id=${SPA}&response_type=code&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}`,
    )
    expect(response.status).toBe(400)
  })

  test('errors after a valid redirect_uri go back to the app with the state', async () => {
    const h = setup()
    const response = await h.get(
      `/authorize?client_id=${SPA}&response_type=code&redirect_uri=${encodeURIComponent(SPA_CALLBACK)}&state=st&code_challenge=abc&code_challenge_method=plain`,
    )
    expect(response.status).toBe(302)
    expect(Object.fromEntries(redirectParams(response))).toEqual({
      error: 'invalid_request',
      error_description: 'code_challenge_method must be S256',
      state: 'st',
    })
  })

  test('prompt=none cannot succeed without a session: login_required', async () => {
    const h = setup()
    const response = await h.get(
      `/authorize?client_id=${SPA}&response_type=code&redirect_uri=${encodeURIComponent(SPA_CALLBACK)}&state=st&prompt=none`,
    )
    expect(redirectParams(response).get('error')).toBe('login_required')
  })

  test("CORS answers only the client's registered origins, with the headers the SDK needs", async () => {
    const h = setup()
    const preflight = await h.fetch('/passwordless/start', {
      method: 'OPTIONS',
      headers: {
        origin: SPA_ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,auth0-client',
      },
    })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN)
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Content-Type/)
    expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Auth0-Client/)
    expect(preflight.headers.get('access-control-allow-credentials')).toBeNull()

    const foreign = await h.fetch('/passwordless/start', {
      method: 'OPTIONS',
      headers: { origin: 'http://evil.example', 'access-control-request-method': 'POST' },
    })
    expect(foreign.status).toBe(403)
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()

    const actual = await h.post(
      '/passwordless/start',
      { client_id: SPA, connection: 'email', send: 'code', email: 'c@example.com' },
      { origin: SPA_ORIGIN },
    )
    expect(actual.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN)
    for (const name of ['X-RateLimit-Limit', 'X-RateLimit-Remaining', 'X-RateLimit-Reset', 'Retry-After']) {
      expect(actual.headers.get('access-control-expose-headers')).toContain(name)
    }
    expect(actual.headers.get('access-control-allow-credentials')).toBeNull()

    // The SPA's origin is not registered for the regular web app.
    const other = await h.post(
      '/passwordless/start',
      {
        client_id: WEB,
        client_secret: WEB_SECRET,
        connection: 'email',
        send: 'code',
        email: 'c@example.com',
      },
      { origin: SPA_ORIGIN },
    )
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })

  test('credentials are allowed on /co/authenticate only, and a foreign origin is refused there', async () => {
    const h = setup()
    const preflight = await h.fetch('/co/authenticate', {
      method: 'OPTIONS',
      headers: { origin: SPA_ORIGIN, 'access-control-request-method': 'POST' },
    })
    expect(preflight.headers.get('access-control-allow-credentials')).toBe('true')
    const token = await h.fetch('/oauth/token', {
      method: 'OPTIONS',
      headers: { origin: SPA_ORIGIN, 'access-control-request-method': 'POST' },
    })
    expect(token.headers.get('access-control-allow-credentials')).toBeNull()
    const foreign = await h.post(
      '/co/authenticate',
      {
        client_id: SPA,
        username: 'a@example.com',
        otp: '123456',
        realm: 'email',
        credential_type: 'http://auth0.com/oauth/grant-type/passwordless/otp',
      },
      { origin: 'http://evil.example' },
    )
    expect(foreign.status).toBe(403)
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull()
    const notAllowed = await h.post(
      '/co/authenticate',
      {
        client_id: WEB,
        username: 'a@example.com',
        otp: '123456',
        realm: 'email',
        credential_type: 'http://auth0.com/oauth/grant-type/passwordless/otp',
      },
      { origin: 'http://localhost:4402' },
    )
    expect(await notAllowed.json()).toEqual({
      error: 'unauthorized_client',
      error_description: 'Cross origin login not allowed.',
    })
  })
})

describe('E11: links are not used by HEAD or by merely opening them', () => {
  test('HEAD never uses the link, and GET shows a confirmation page whose POST uses it once', async () => {
    const h = setup()
    const link = await sendLink(h, 'scan@example.com', {
      response_type: 'code',
      redirect_uri: SPA_CALLBACK,
      state: 'st',
    })
    const head = await h.fetch(link, { method: 'HEAD', redirect: 'manual' })
    expect(head.status).toBe(200)
    const first = await h.get(link)
    const second = await h.get(link)
    expect(first.status).toBe(200)
    expect(second.status).toBe(200)
    const page = await first.clone().text()
    expect(page).toContain('<form method="post" action="/passwordless/verify_redirect">')
    expect(page).not.toMatch(/<script(?![^>]*src=)/)
    expect(first.headers.get('content-security-policy')).toContain("form-action 'self' http://localhost:4401")
    const used = await submitForm(h, first)
    expect(used.status).toBe(302)
    expect(redirectParams(used).get('code')).toBeTruthy()
    const replay = await submitForm(h, second)
    expect(redirectParams(replay).get('error')).toBe('access_denied')
    expect(redirectParams(replay).get('error_description')).toBe('Wrong email or verification code.')
  })

  test('a code sent as a code (the hosted page path) is used by GET directly', async () => {
    const h = setup()
    const { verifyRedirect } = await hostedPageCodeLogin(h, {
      clientId: SPA,
      callback: SPA_CALLBACK,
      email: 'direct@example.com',
      state: 'app',
    })
    const query = new URLSearchParams(verifyRedirect)
    const head = await h.fetch(`/passwordless/verify_redirect?${query}`, {
      method: 'HEAD',
      redirect: 'manual',
    })
    expect(head.status).toBe(200)
    const response = await h.get(`/passwordless/verify_redirect?${query}`)
    expect(response.status).toBe(302)
    expect(redirectParams(response).get('state')).toBe('app')
    // The transaction is finished: the same query cannot log in twice.
    const again = await h.get(`/passwordless/verify_redirect?${query}`)
    expect(again.status).toBe(400)
  })

  test('the hosted page path checks _csrf', async () => {
    const h = setup()
    const { verifyRedirect } = await hostedPageCodeLogin(h, {
      clientId: SPA,
      callback: SPA_CALLBACK,
      email: 'csrf@example.com',
    })
    const query = new URLSearchParams({ ...verifyRedirect, _csrf: 'forged' })
    const response = await h.get(`/passwordless/verify_redirect?${query}`)
    expect(response.status).toBe(403)
    expect(response.headers.get('location')).toBeNull()
  })
})
