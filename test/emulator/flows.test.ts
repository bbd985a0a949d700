import { describe, expect, test } from 'vitest'
import {
  OTP_GRANT,
  SPA,
  SPA_CALLBACK,
  SPA_ORIGIN,
  WEB,
  WEB_CALLBACK,
  WEB_SECRET,
  cookiesFrom,
  lastMessage,
  locationOf,
  pkce,
  hostedPageCodeLogin,
  readLoginConfig,
  redirectParams,
  setup,
  submitForm,
  verifyIdToken,
} from './helpers'
import type { Harness } from './helpers'

async function exchangeCode(h: Harness, code: string, verifier: string, redirectUri = SPA_CALLBACK) {
  const response = await h.fetch('/oauth/token', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', origin: SPA_ORIGIN },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      client_id: SPA,
      code,
      code_verifier: verifier,
      redirect_uri: redirectUri,
    }).toString(),
  })
  expect(response.status).toBe(200)
  expect(response.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN)
  return (await response.json()) as {
    id_token: string
    access_token: string
    token_type: string
    expires_in: number
    scope: string
  }
}

describe('complete passwordless logins over plain HTTP', () => {
  test('email code through the hosted login page ends with a signed ID token and the app state', async () => {
    const h = setup()
    const { verifier, challenge } = pkce()
    const authorize = new URLSearchParams({
      client_id: SPA,
      redirect_uri: SPA_CALLBACK,
      response_type: 'code',
      scope: 'openid profile email',
      state: 'app-state-1',
      nonce: 'app-nonce-1',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ui_locales: 'fr',
    })
    const page = await h.get(`/authorize?${authorize}`)
    expect(page.status).toBe(200)
    const config = await readLoginConfig(page)
    expect(config).toMatchObject({
      auth0Domain: '127.0.0.1:4400',
      auth0Tenant: 'passwordless-emulator',
      clientID: SPA,
      callbackURL: SPA_CALLBACK,
      callbackOnLocationHash: false,
      authorizationServer: { url: 'http://127.0.0.1:4400', issuer: 'http://127.0.0.1:4400/' },
      dict: { signin: { title: 'Demo single-page app' } },
    })
    const internal = config.internalOptions
    expect(internal).toMatchObject({
      _intstate: 'deprecated',
      nonce: 'app-nonce-1',
      response_type: 'code',
      scope: 'openid profile email',
      protocol: 'oauth2',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      ui_locales: 'fr',
    })
    // The page's state is the login transaction's own id, never the app's.
    expect(internal['state']).not.toBe('app-state-1')
    expect(internal['_csrf']).toMatch(/^[\w-]{20,}$/)

    // What the SDK sends from the hosted page: every internalOptions key in authParams.
    const start = await h.post('/passwordless/start', {
      client_id: SPA,
      connection: 'email',
      send: 'code',
      email: 'person@example.com',
      authParams: { ...internal, redirect_uri: SPA_CALLBACK },
    })
    expect(start.status).toBe(200)
    const { code } = lastMessage(h, 'person@example.com')
    const verify = await h.post('/passwordless/verify', {
      client_id: SPA,
      connection: 'email',
      email: 'person@example.com',
      verification_code: code,
    })
    expect(verify.status).toBe(200)
    const query = new URLSearchParams({
      client_id: SPA,
      connection: 'email',
      email: 'person@example.com',
      verification_code: code,
      redirect_uri: SPA_CALLBACK,
      ...internal,
    })
    const back = await h.get(`/passwordless/verify_redirect?${query}`)
    expect(back.status).toBe(302)
    const location = locationOf(back)
    expect(`${location.origin}${location.pathname}`).toBe(SPA_CALLBACK)
    expect(location.searchParams.get('state')).toBe('app-state-1')

    const tokens = await exchangeCode(h, location.searchParams.get('code') ?? '', verifier)
    expect(tokens).toMatchObject({ token_type: 'Bearer', expires_in: 86400, scope: 'openid profile email' })
    const claims = await verifyIdToken(h, tokens.id_token, SPA)
    expect(claims).toMatchObject({
      azp: SPA,
      nonce: 'app-nonce-1',
      email: 'person@example.com',
      email_verified: true,
    })
    expect(claims.sub).toMatch(/^email\|[0-9a-f]{24}$/)
    expect(typeof claims.iat).toBe('number')
    expect(claims.exp).toBeGreaterThan(claims.iat ?? Infinity)
  })

  test('email link: the link opens a confirmation page, its button logs in, and the ID token checks out', async () => {
    const h = setup()
    const { verifier, challenge } = pkce()
    await h.post('/passwordless/start', {
      client_id: SPA,
      connection: 'email',
      email: 'Linked@Example.com',
      authParams: {
        response_type: 'code',
        redirect_uri: SPA_CALLBACK,
        scope: 'openid email',
        state: 'link-state',
        nonce: 'link-nonce',
        code_challenge: challenge,
        code_challenge_method: 'S256',
      },
    })
    const message = lastMessage(h, 'linked@example.com')
    const link = new URL(message.link ?? '')
    expect(link.pathname).toBe('/passwordless/verify_redirect')
    expect(Object.fromEntries(link.searchParams)).toMatchObject({
      client_id: SPA,
      connection: 'email',
      email: 'linked@example.com',
      verification_code: message.code,
      state: 'link-state',
      nonce: 'link-nonce',
      code_challenge: challenge,
    })
    expect(h.lines).toContain(`[outbox] To sign in as linked@example.com, open ${message.link}`)

    const confirmation = await h.get(link.toString())
    expect(confirmation.status).toBe(200)
    const back = await submitForm(h, confirmation)
    expect(back.status).toBe(302)
    expect(redirectParams(back).get('state')).toBe('link-state')
    const tokens = await exchangeCode(h, redirectParams(back).get('code') ?? '', verifier)
    const claims = await verifyIdToken(h, tokens.id_token, SPA)
    expect(claims).toMatchObject({ nonce: 'link-nonce', email: 'linked@example.com' })
  })

  test('SMS code through /co/authenticate and a login ticket', async () => {
    const h = setup()
    const { verifier, challenge } = pkce()
    const phone = '+15555550123'
    await h.post('/passwordless/start', {
      client_id: SPA,
      connection: 'sms',
      send: 'code',
      phone_number: phone,
    })
    const { code } = lastMessage(h, phone)
    expect(h.lines).toContain(`[outbox] To sign in as ${phone}, use code ${code}`)
    const co = await h.post(
      '/co/authenticate',
      { client_id: SPA, username: phone, otp: code, realm: 'sms', credential_type: OTP_GRANT },
      { origin: SPA_ORIGIN },
    )
    expect(co.status).toBe(200)
    expect(co.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN)
    expect(co.headers.get('access-control-allow-credentials')).toBe('true')
    const ticket = (await co.json()) as { login_ticket: string; co_verifier: string; co_id: string }
    expect(Object.keys(ticket).sort()).toEqual(['co_id', 'co_verifier', 'login_ticket'])

    const authorize = new URLSearchParams({
      client_id: SPA,
      response_type: 'code',
      redirect_uri: SPA_CALLBACK,
      state: 'sms-state',
      nonce: 'sms-nonce',
      scope: 'openid',
      code_challenge: challenge,
      code_challenge_method: 'S256',
      login_ticket: ticket.login_ticket,
    })
    // The tenant's session cookie came with the ticket; the browser sends it back to /authorize.
    const session = cookiesFrom(co)
    expect(session).toMatch(/^auth0=[\w-]+$/)
    const back = await h.get(`/authorize?${authorize}`, { cookie: session })
    expect(back.status).toBe(302)
    expect(redirectParams(back).get('state')).toBe('sms-state')
    const tokens = await exchangeCode(h, redirectParams(back).get('code') ?? '', verifier)
    const claims = await verifyIdToken(h, tokens.id_token, SPA)
    expect(claims).toMatchObject({ phone_number: phone, phone_verified: true, nonce: 'sms-nonce' })
    expect(claims.sub).toMatch(/^sms\|[0-9a-f]{24}$/)
    expect(claims).not.toHaveProperty('email')

    // The ticket was single-use.
    const again = await h.get(`/authorize?${authorize}`, { cookie: session })
    expect(redirectParams(again).get('error')).toBe('access_denied')
  })

  test('the hosted page of the regular web app authenticates /passwordless/start by its forwarded state', async () => {
    const h = setup()
    const { start, verifyRedirect } = await hostedPageCodeLogin(h, {
      clientId: WEB,
      callback: WEB_CALLBACK,
      email: 'hosted@example.com',
      state: 'web-state',
    })
    expect(start.status).toBe(200)
    const query = new URLSearchParams(verifyRedirect)
    const back = await h.get(`/passwordless/verify_redirect?${query}`)
    expect(locationOf(back).origin + locationOf(back).pathname).toBe(WEB_CALLBACK)
    expect(redirectParams(back).get('state')).toBe('web-state')
    const token = await h.post('/oauth/token', {
      grant_type: 'authorization_code',
      client_id: WEB,
      client_secret: WEB_SECRET,
      code: redirectParams(back).get('code'),
      redirect_uri: WEB_CALLBACK,
    })
    expect(token.status).toBe(200)
  })
})
