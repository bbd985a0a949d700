import { describe, expect, test } from 'vitest'
import {
  OTP_GRANT,
  SPA,
  SPA_CALLBACK,
  SPA_ORIGIN,
  cookiesFrom,
  lastMessage,
  pkce,
  redirectParams,
  setup,
  startEmail,
} from './helpers'
import type { Harness } from './helpers'

/** A cross-origin login up to the ticket: the `/co/authenticate` answer and the `/authorize` query to redeem it. */
async function ticketFor(h: Harness, email: string) {
  await startEmail(h, email)
  const co = await h.post(
    '/co/authenticate',
    {
      client_id: SPA,
      username: email,
      otp: lastMessage(h, email).code,
      realm: 'email',
      credential_type: OTP_GRANT,
    },
    { origin: SPA_ORIGIN },
  )
  const { login_ticket } = (await co.json()) as { login_ticket: string }
  const query = new URLSearchParams({
    client_id: SPA,
    response_type: 'code',
    redirect_uri: SPA_CALLBACK,
    state: 'co-state',
    scope: 'openid',
    code_challenge: pkce().challenge,
    code_challenge_method: 'S256',
    login_ticket,
  })
  return { co, authorize: `/authorize?${query}` }
}

describe('the session cookie of a cross-origin login (E27)', () => {
  test('E27: /co/authenticate sets it HttpOnly, SameSite=None and Secure in HTTPS mode, for the ticket’s life', async () => {
    const h = setup({ issuer: 'https://127.0.0.1:4443' })
    const { co } = await ticketFor(h, 'secure@example.com')
    const [cookie] = co.headers.getSetCookie()
    expect(cookie).toMatch(/^auth0=[\w-]{32}; Path=\/; HttpOnly; Secure; SameSite=None; Max-Age=60$/)
  })

  test('E27: over plain http it is SameSite=Lax, never Secure (browsers drop SameSite=None without Secure)', async () => {
    const h = setup()
    const { co } = await ticketFor(h, 'plain@example.com')
    const [cookie] = co.headers.getSetCookie()
    expect(cookie).toMatch(/^auth0=[\w-]{32}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=60$/)
  })

  test('E27: /authorize without the cookie sends Auth0’s error back to the app, and the ticket is spent', async () => {
    const h = setup()
    const { co, authorize } = await ticketFor(h, 'blocked@example.com')
    const refused = await h.get(authorize)
    expect(refused.status).toBe(302)
    const params = redirectParams(refused)
    expect(Object.fromEntries(params)).toEqual({
      error: 'server_error',
      error_description: 'Unable to configure verification page.',
      state: 'co-state',
    })
    // The ticket was taken by the refused attempt: the cookie arriving later does not revive it.
    const later = await h.get(authorize, { cookie: cookiesFrom(co) })
    expect(redirectParams(later).get('error')).toBe('access_denied')
  })

  test('E27: the cookie of another ticket does not redeem this one', async () => {
    const h = setup()
    const mine = await ticketFor(h, 'mine@example.com')
    const other = await ticketFor(h, 'other@example.com')
    const refused = await h.get(mine.authorize, { cookie: cookiesFrom(other.co) })
    expect(redirectParams(refused).get('error_description')).toBe('Unable to configure verification page.')
  })

  test('E27: with its own cookie the ticket is redeemed for a code', async () => {
    const h = setup()
    const { co, authorize } = await ticketFor(h, 'kept@example.com')
    const back = await h.get(authorize, { cookie: `other=1; ${cookiesFrom(co)}` })
    expect(redirectParams(back).get('code')).toEqual(expect.any(String))
  })
})
