import { describe, expect, test } from 'vitest'
import { ExpiringStore } from '../../demo/server/expiring-store'
import { SPA, setup, startEmail } from './helpers'

const start = { client_id: SPA, connection: 'email', send: 'code', email: 'limits@example.com' }

describe('E15: request bodies are bounded before the emulator keeps anything', () => {
  test('a body over 64 KiB is refused with 413 in the error shape, and nothing is sent', async () => {
    const h = setup()
    const response = await h.post('/passwordless/start', {
      ...start,
      authParams: { filler: 'x'.repeat(70 * 1024) },
    })
    expect(response.status).toBe(413)
    expect(await response.json()).toEqual({
      error: 'access_denied',
      error_description: 'Payload content length greater than maximum allowed: 65536',
    })
    expect(h.emulator.outbox.list()).toHaveLength(0)
  })

  test('an authParams value over 2,048 characters, or more than 32 of them, is refused with bad.authParams', async () => {
    const h = setup()
    const long = await h.post('/passwordless/start', { ...start, authParams: { state: 's'.repeat(2049) } })
    expect(long.status).toBe(400)
    expect(await long.json()).toEqual({
      error: 'bad.authParams',
      error_description: 'error in authParams.state - String is too long (2049 chars), maximum 2048',
    })
    const many = Object.fromEntries(Array.from({ length: 33 }, (_, index) => [`p${index}`, 'v']))
    const crowded = await h.post('/passwordless/start', { ...start, authParams: many })
    expect(crowded.status).toBe(400)
    expect(await crowded.json()).toMatchObject({ error: 'bad.authParams' })
    const fine = await h.post('/passwordless/start', { ...start, authParams: { state: 's'.repeat(2048) } })
    expect(fine.status).toBe(200)
    expect(h.emulator.outbox.list()).toHaveLength(1)
  })

  test('an email address over 254 characters is refused with bad.email', async () => {
    const h = setup()
    const response = await startEmail(h, `${'a'.repeat(3000)}@example.com`)
    expect(response.status).toBe(400)
    expect(await response.json()).toEqual({
      error: 'bad.email',
      error_description: 'error in email - String is too long (3012 chars), maximum 254',
    })
  })

  test('stores that anyone can fill keep their newest entries only', () => {
    const store = new ExpiringStore<number>(() => 0, 2)
    for (const id of ['a', 'b', 'c']) store.put(id, 1, 60)
    expect([store.get('a'), store.get('b'), store.get('c')]).toEqual([undefined, 1, 1])
  })

  test('the outbox keeps its newest 1,000 messages', async () => {
    const h = setup()
    for (let index = 0; index < 1_002; index += 1) {
      h.emulator.outbox.send({
        to: `m${index}@example.com`,
        channel: 'email',
        kind: 'code',
        clientId: SPA,
        code: '1',
      })
    }
    const messages = h.emulator.outbox.list()
    expect(messages).toHaveLength(1_000)
    expect(messages.at(-1)?.to).toBe('m2@example.com')
  })
})
