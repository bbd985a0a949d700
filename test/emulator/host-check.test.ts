import { describe, expect, test } from 'vitest'
import { lastMessage, setup, startEmail } from './helpers'

describe('E16: Host: only the hosts the emulator serves (DNS rebinding)', () => {
  test('a rebound name gets 421 and no outbox, while the loopback names are served', async () => {
    const h = setup()
    await startEmail(h, 'rebind@example.com')
    const rebound = await h.fetch('http://rebind.attacker.example:4400/__emulator/outbox')
    expect(rebound.status).toBe(421)
    const text = await rebound.text()
    expect(text).not.toContain(lastMessage(h, 'rebind@example.com').code)
    expect(JSON.parse(text)).toMatchObject({ error: 'invalid_request' })
    for (const host of ['127.0.0.1:4400', 'localhost:4400', '[::1]:4400', 'LOCALHOST:4400']) {
      expect((await h.fetch(`http://${host}/__emulator/outbox`)).status, host).toBe(200)
    }
    for (const host of ['127.0.0.1:4401', 'localhost', '127.0.0.2:4400']) {
      expect((await h.fetch(`http://${host}/.well-known/jwks.json`)).status, host).toBe(421)
    }
  })

  test('the host of a configured issuer is served too', async () => {
    const h = setup({ issuer: 'http://emulator.test:8080' })
    expect((await h.fetch('http://emulator.test:8080/.well-known/jwks.json')).status).toBe(200)
    expect((await h.fetch('http://127.0.0.1:8080/.well-known/jwks.json')).status).toBe(200)
    expect((await h.fetch('http://127.0.0.1:4400/.well-known/jwks.json')).status).toBe(421)
  })
})
