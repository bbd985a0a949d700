import { describe, expect, test } from 'vitest'
import {
  NATIVE,
  SPA,
  WEB,
  WEB_CALLBACK,
  cookiesFrom,
  hostedPageCodeLogin,
  lastMessage,
  otpGrant,
  readLoginConfig,
  redirectParams,
  setup,
  startNative,
  verifyIdToken,
} from './helpers'

const ISSUER = 'https://127.0.0.1:4443'

describe('E20: in HTTPS mode every address the emulator gives out is https', () => {
  test('discovery: the issuer with its slash, and every endpoint, on the https origin', async () => {
    const h = setup({ issuer: ISSUER })
    const discovery = (await (await h.get('/.well-known/openid-configuration')).json()) as Record<
      string,
      unknown
    >
    expect(discovery['issuer']).toBe(`${ISSUER}/`)
    const urls = Object.values(discovery).filter((value): value is string => typeof value === 'string')
    const addresses = urls.filter((value) => /^[a-z]+:\/\//.test(value))
    expect(addresses).toEqual([
      `${ISSUER}/`,
      `${ISSUER}/authorize`,
      `${ISSUER}/oauth/token`,
      `${ISSUER}/.well-known/jwks.json`,
    ])
  })

  test('tokens: the ID token’s issuer is https and verifies against the published keys', async () => {
    const h = setup({ issuer: ISSUER })
    const code = await startNative(h, 'tls@example.com')
    const { status, body } = await otpGrant(h, 'tls@example.com', code)
    expect(status).toBe(200)
    const claims = await verifyIdToken(h, String(body['id_token']), NATIVE)
    expect(claims.iss).toBe(`${ISSUER}/`)
    const access = JSON.parse(
      Buffer.from(String(body['access_token']).split('.')[1] ?? '', 'base64url').toString(),
    )
    expect(access).toMatchObject({ iss: `${ISSUER}/`, aud: `${ISSUER}/userinfo` })
  })

  test('links: an emailed link leads to the https verify_redirect', async () => {
    const h = setup({ issuer: ISSUER })
    const response = await h.post('/passwordless/start', {
      client_id: SPA,
      connection: 'email',
      send: 'link',
      email: 'link@example.com',
    })
    expect(response.status).toBe(200)
    expect(lastMessage(h, 'link@example.com').link).toMatch(
      /^https:\/\/127\.0\.0\.1:4443\/passwordless\/verify_redirect\?/,
    )
  })

  test('the hosted page: its domain is the bare host (auth0.js’s hosted-page test) and its server https', async () => {
    const h = setup({ issuer: ISSUER })
    const page = await h.get(
      `/authorize?client_id=${WEB}&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}&response_type=code`,
    )
    expect(page.status).toBe(200)
    const config = await readLoginConfig(page.clone())
    expect(config).toMatchObject({
      auth0Domain: '127.0.0.1:4443',
      authorizationServer: { url: ISSUER, issuer: `${ISSUER}/` },
    })
    const [cookie] = page.headers.getSetCookie()
    expect(cookie).toContain('; HttpOnly; Secure; SameSite=Lax')
  })

  test('the hosted page’s path: a same-origin https start, then verify_redirect back to the app’s state', async () => {
    const h = setup({ issuer: ISSUER })
    const login = await hostedPageCodeLogin(h, {
      clientId: WEB,
      callback: WEB_CALLBACK,
      email: 'page@example.com',
      state: 'app-state',
    })
    expect(login.start.status).toBe(200)
    expect(h.emulator.logs.search('type:cs')[0]?.description).toContain('forwarded state')
    const back = await h.get(`/passwordless/verify_redirect?${new URLSearchParams(login.verifyRedirect)}`)
    expect(back.status).toBe(302)
    expect(back.headers.get('location')?.startsWith(`${WEB_CALLBACK}?`)).toBe(true)
    expect(redirectParams(back).get('state')).toBe('app-state')
  })

  test('the browser of the login is recognised by its https Origin, and a plain-http one is not', async () => {
    const h = setup({ issuer: ISSUER })
    const authorize = `/authorize?client_id=${WEB}&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}`
    const page = await h.get(authorize)
    const state = (await readLoginConfig(page.clone())).internalOptions['state']
    const start = (origin: string, email: string) =>
      h.post(
        '/passwordless/start',
        { client_id: WEB, connection: 'email', send: 'code', email, authParams: { state } },
        { cookie: cookiesFrom(page), origin },
      )
    expect((await start(ISSUER, 'same@example.com')).status).toBe(200)
    expect((await start('http://127.0.0.1:4443', 'downgraded@example.com')).status).toBe(403)
  })

  test('plain http stays the default, and its cookie is not Secure', async () => {
    const h = setup()
    expect(h.emulator.issuer).toBe('http://127.0.0.1:4400')
    const page = await h.get(
      `/authorize?client_id=${WEB}&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}&response_type=code`,
    )
    expect(page.headers.getSetCookie()[0]).not.toContain('Secure')
  })
})
