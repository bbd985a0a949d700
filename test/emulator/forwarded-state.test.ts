import { describe, expect, test } from 'vitest'
import { WEB, WEB_CALLBACK, cookiesFrom, readLoginConfig, setup, startEmail } from './helpers'
import type { Harness } from './helpers'

const AUTHORIZE = `/authorize?client_id=${WEB}&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}&response_type=code`

/** Opens the regular web app's hosted login page as a browser with `cookie` (none for a new browser). */
async function openLoginPage(
  h: Harness,
  cookie?: string,
): Promise<{ state: string; cookie: string; page: Response }> {
  const page = await h.get(AUTHORIZE, cookie === undefined ? {} : { cookie })
  const state = (await readLoginConfig(page.clone())).internalOptions['state'] ?? ''
  return { state, cookie: cookiesFrom(page) || (cookie ?? ''), page }
}

function forwardedStart(h: Harness, state: string, headers: Record<string, string> = {}): Promise<Response> {
  return startEmail(h, 'victim@example.com', { client_id: WEB, authParams: { state } }, headers)
}

describe('E17: a forwarded state authenticates a start only from the browser of its login transaction', () => {
  test('/authorize sets the login cookie on its origin: HttpOnly, SameSite=Lax, Path=/', async () => {
    const h = setup()
    const { page } = await openLoginPage(h)
    const [cookie] = page.headers.getSetCookie()
    expect(cookie).toMatch(/^a0_users:sess=[A-Za-z0-9_-]{32}; /)
    expect(cookie).toContain('; Path=/')
    expect(cookie).toContain('; HttpOnly')
    expect(cookie).toContain('; SameSite=Lax')
    expect(cookie).toContain('; Max-Age=1800')
    expect(cookie).not.toMatch(/Domain=/i)
  })

  test('the state alone (copied out of the page, sent from anywhere) is refused and sends nothing', async () => {
    const h = setup()
    const { state } = await openLoginPage(h)
    const response = await forwardedStart(h, state)
    expect(response.status).toBe(403)
    expect(await response.json()).toEqual({
      error: 'unauthorized_client',
      error_description: 'Client authentication is required',
    })
    expect(h.emulator.outbox.list()).toHaveLength(0)
  })

  test("another browser's cookie, or a cookie the emulator never issued, does not go with the state", async () => {
    const h = setup()
    const victim = await openLoginPage(h)
    const attacker = await openLoginPage(h)
    expect(attacker.cookie).not.toBe(victim.cookie)
    expect((await forwardedStart(h, victim.state, { cookie: attacker.cookie })).status).toBe(403)
    expect((await forwardedStart(h, victim.state, { cookie: 'a0_users:sess=planted' })).status).toBe(403)
    expect(h.emulator.outbox.list()).toHaveLength(0)
  })

  test('a page of another origin is refused even when the browser sends the cookie along', async () => {
    const h = setup()
    const { state, cookie } = await openLoginPage(h)
    const response = await forwardedStart(h, state, { cookie, origin: 'http://127.0.0.1:4402' })
    expect(response.status).toBe(403)
  })

  test('the hosted page itself (same origin, its cookie) is accepted, and the tenant log says how', async () => {
    const h = setup()
    const { state, cookie } = await openLoginPage(h)
    const response = await forwardedStart(h, state, { cookie, origin: h.emulator.issuer })
    expect(response.status).toBe(200)
    const logs = await h.get(
      `/__emulator/logs?q=${encodeURIComponent('type:cs AND description:*forwarded*')}`,
    )
    const found = ((await logs.json()) as { logs: Record<string, unknown>[] }).logs
    expect(found).toHaveLength(1)
    expect(found[0]).toMatchObject({
      client_id: WEB,
      user_name: 'victim@example.com',
      ip: '127.0.0.1',
      description: expect.stringContaining("forwarded state of the browser's login transaction"),
    })
  })

  test('one browser keeps one cookie for all its logins (two tabs), and a planted value is replaced', async () => {
    const h = setup()
    const first = await openLoginPage(h)
    const second = await openLoginPage(h, first.cookie)
    expect(second.cookie).toBe(first.cookie)
    expect((await forwardedStart(h, first.state, { cookie: first.cookie })).status).toBe(200)
    expect((await forwardedStart(h, second.state, { cookie: first.cookie })).status).toBe(200)
    const planted = await openLoginPage(h, 'a0_users:sess=chosen-by-another-port')
    expect(planted.cookie).not.toContain('chosen-by-another-port')
  })

  test('with enforcement off, a state without its cookie counts as no authentication (a depnote)', async () => {
    const h = setup({ tenant: { settings: { enforceClientAuthForPasswordless: false } } })
    const { state } = await openLoginPage(h)
    expect((await forwardedStart(h, state)).status).toBe(200)
    expect(h.emulator.logs.search('type:depnote')).toHaveLength(1)
  })
})
