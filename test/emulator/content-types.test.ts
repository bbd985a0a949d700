import { describe, expect, test } from 'vitest'
import { NATIVE, OTP_GRANT, SPA, SPA_ORIGIN, WEB, WEB_SECRET, lastMessage, setup, wrongCode } from './helpers'
import type { Harness } from './helpers'

function postForm(
  h: Harness,
  path: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
) {
  return h.fetch(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields).toString(),
  })
}

const start = { client_id: SPA, connection: 'email', send: 'code', email: 'types@example.com' }

describe('E19: body types: JSON, and forms only where a tenant takes them', () => {
  test('/passwordless/start reads a form as auth0.js 7 sent it, authParams[...] included', async () => {
    const h = setup()
    const response = await postForm(h, '/passwordless/start', {
      client_id: SPA,
      connection: 'email',
      send: 'link',
      email: 'form@example.com',
      'authParams[redirect_uri]': 'http://localhost:4401/callback',
      'authParams[state]': 'form-state',
    })
    expect(response.status).toBe(200)
    const link = new URL(lastMessage(h, 'form@example.com').link ?? '')
    expect(link.searchParams.get('state')).toBe('form-state')
    expect(link.searchParams.get('redirect_uri')).toBe('http://localhost:4401/callback')
  })

  test('a backend’s form start with its secret, and /passwordless/verify with a form', async () => {
    const h = setup()
    const start = await postForm(h, '/passwordless/start', {
      client_id: WEB,
      client_secret: WEB_SECRET,
      connection: 'sms',
      phone_number: '+15555550160',
    })
    expect(start.status).toBe(200)
    const fields = { client_id: WEB, connection: 'sms', phone_number: '+15555550160' }
    const code = lastMessage(h, '+15555550160').code
    const wrong = await postForm(h, '/passwordless/verify', { ...fields, verification_code: wrongCode(code) })
    expect(wrong.status).toBe(403)
    expect((await postForm(h, '/passwordless/verify', { ...fields, verification_code: code })).status).toBe(
      200,
    )
  })

  test('form names are data: __proto__ reaches no prototype, a deeper nesting is an unknown property', async () => {
    const h = setup()
    const polluted = await postForm(h, '/passwordless/start', {
      client_id: SPA,
      connection: 'email',
      send: 'code',
      email: 'proto@example.com',
      '__proto__[send]': 'link',
    })
    expect(polluted.status).toBe(400)
    expect(await polluted.json()).toMatchObject({ error: 'bad.request' })
    expect(({} as Record<string, unknown>)['send']).toBeUndefined()
    const deep = await postForm(h, '/passwordless/start', {
      client_id: SPA,
      connection: 'email',
      email: 'deep@example.com',
      'authParams[a][b]': 'c',
    })
    expect(await deep.json()).toEqual({
      error: 'bad.request',
      error_description: 'the following properties are not allowed: authParams[a][b]',
    })
  })

  test('/co/authenticate and the emulator’s own routes take no form', async () => {
    const h = setup()
    const cross = await postForm(
      h,
      '/co/authenticate',
      { client_id: SPA, credential_type: OTP_GRANT, realm: 'email', username: 'a@example.com', otp: '1' },
      { origin: SPA_ORIGIN },
    )
    expect(cross.status).toBe(415)
    expect(await cross.json()).toMatchObject({
      error_description: expect.stringContaining('/co/authenticate accepts application/json.'),
    })
    const settings = await postForm(h, '/__emulator/clock', { advanceSeconds: '10' })
    expect(settings.status).toBe(415)
  })

  for (const path of ['/passwordless/start', '/passwordless/verify', '/co/authenticate']) {
    test(`${path} refuses a JSON text sent as text/plain (no CORS preflight) with 415`, async () => {
      const h = setup()
      const response = await h.fetch(path, {
        method: 'POST',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: 'http://evil.example' },
        body: JSON.stringify({ ...start, verification_code: '000000', credential_type: OTP_GRANT }),
      })
      expect(response.status).toBe(415)
      expect(await response.json()).toMatchObject({
        error: 'invalid_request',
        error_description: expect.stringContaining('Unsupported Media Type: text/plain'),
      })
      expect(h.emulator.outbox.list()).toHaveLength(0)
    })
  }

  test('a body without any Content-Type is refused too (fetch sends bytes without one)', async () => {
    const h = setup()
    const response = await h.fetch('/passwordless/start', {
      method: 'POST',
      body: new TextEncoder().encode(JSON.stringify(start)),
    })
    expect(response.status).toBe(415)
    expect(h.emulator.outbox.list()).toHaveLength(0)
  })

  test('/oauth/token still reads a form, and an empty control request needs no type', async () => {
    const h = setup()
    await h.post('/passwordless/start', { ...start, client_id: NATIVE })
    const token = await h.fetch('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: OTP_GRANT,
        client_id: NATIVE,
        realm: 'email',
        username: start.email,
        otp: lastMessage(h, start.email).code,
      }).toString(),
    })
    expect(token.status).toBe(200)
    expect((await h.fetch('/__emulator/reset', { method: 'POST' })).status).toBe(204)
  })

  test('JSON with a charset parameter is JSON', async () => {
    const h = setup()
    const response = await h.fetch('/passwordless/start', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', origin: SPA_ORIGIN },
      body: JSON.stringify(start),
    })
    expect(response.status).toBe(200)
  })
})
