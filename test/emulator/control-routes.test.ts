/**
 * What a developer or a test drives the emulator with: seeded users, the clock, the outbox page, the hosted
 * page's static files, and the preflights of the browser-facing API routes.
 */
import { describe, expect, test } from 'vitest'
import {
  SPA,
  SPA_CALLBACK,
  SPA_ORIGIN,
  lastMessage,
  otpGrant,
  sendLink,
  setup,
  startEmail,
  startNative,
} from './helpers'

describe('the emulator under control', () => {
  test("the tenant's seeded users are listed normalised, and come back after a reset", async () => {
    const h = setup({
      tenant: { users: [{ email: '  Seeded@Example.com ' }, { phone_number: ' +15555550100 ' }] },
    })
    const list = async () =>
      ((await (await h.get('/__emulator/users')).json()) as { users: Array<{ identity: string }> }).users
    expect((await list()).map((user) => user.identity)).toEqual(['seeded@example.com', '+15555550100'])
    expect((await otpGrant(h, 'new@example.com', await startNative(h, 'new@example.com'))).status).toBe(200)
    expect((await list()).map((user) => user.identity)).toContain('new@example.com')
    h.emulator.reset()
    expect((await list()).map((user) => user.identity)).toEqual(['seeded@example.com', '+15555550100'])
  })

  test('advanceClock() moves time forward for codes, and never backward', async () => {
    const h = setup()
    await startEmail(h, 'clock@example.com')
    const verify = () =>
      h.post('/passwordless/verify', {
        client_id: SPA,
        connection: 'email',
        email: 'clock@example.com',
        verification_code: lastMessage(h, 'clock@example.com').code,
      })
    h.emulator.advanceClock(-3600)
    h.emulator.advanceClock(179)
    expect((await verify()).status).toBe(200)
    h.emulator.advanceClock(1)
    expect(await (await verify()).json()).toEqual({
      error: 'invalid_user_password',
      error_description: 'The verification code has expired. Please try to login again.',
    })
  })

  test('the outbox page shows a link as a link, and its code', async () => {
    const h = setup()
    const link = await sendLink(h, 'page@example.com', { redirect_uri: SPA_CALLBACK })
    const page = await (await h.get('/__emulator/outbox.html')).text()
    expect(page).toContain(`<a href="${link.replaceAll('&', '&amp;')}">Open the sign-in link</a>`)
    expect(page).toContain(`(code <code>${lastMessage(h, 'page@example.com').code}</code>)`)
  })

  test('the hosted page files are served by plain name only, with their type', async () => {
    const h = setup()
    const css = await h.get('/universal-login/style.css')
    expect(css.status).toBe(200)
    expect(css.headers.get('content-type')).toBe('text/css; charset=utf-8')
    expect(css.headers.get('cache-control')).toBe('no-cache')
    const script = await h.get('/universal-login/login.js')
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    for (const name of ['index.html', 'Login.js', '.hidden.js', 'missing.js', '..%2Fserver%2Ftenant.json']) {
      const response = await h.get(`/universal-login/${name}`)
      expect(response.status, name).toBe(404)
      expect(await response.text()).toBe('Not found')
    }
  })

  test('/passwordless/verify answers the preflight of a registered origin only', async () => {
    const h = setup()
    const preflight = (origin: string) =>
      h.fetch('/passwordless/verify', {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      })
    const allowed = await preflight(SPA_ORIGIN)
    expect(allowed.status).toBe(204)
    expect(allowed.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN)
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull()
    expect((await preflight('http://evil.example')).status).toBe(403)
  })

  test('/co/authenticate names what is missing: the client, then the credential type', async () => {
    const h = setup()
    const noClient = await h.post('/co/authenticate', {})
    expect(noClient.status).toBe(401)
    expect(await noClient.json()).toEqual({ error: 'invalid_client', error_description: 'Unknown client: ' })
    const noType = await h.post('/co/authenticate', { client_id: SPA })
    expect(noType.status).toBe(400)
    expect(await noType.json()).toEqual({
      error: 'unsupported_credential_type',
      error_description: 'Unsupported credential_type: ',
    })
  })
})
