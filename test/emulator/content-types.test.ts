import { describe, expect, test } from 'vitest'
import { NATIVE, OTP_GRANT, SPA, SPA_ORIGIN, lastMessage, setup } from './helpers'

const start = { client_id: SPA, connection: 'email', send: 'code', email: 'types@example.com' }

describe('E19: body types: JSON, and forms only where a tenant takes them', () => {
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
