import { describe, expect, test } from 'vitest'
import { createFakeServer, json } from './support/fake-fetch'

// The helper every other file relies on must itself be able to fail.
describe('the fake server helper', () => {
  test('fails verification on an unexpected request', async () => {
    const server = createFakeServer()
    await expect(
      server.fetch(new Request('https://tenant.example.com/oops', { method: 'POST' })),
    ).rejects.toThrow(/Unexpected request POST \/oops/)
    expect(() => server.verify()).toThrow(/Unexpected request/)
  })

  test('fails verification when an expected request never came', () => {
    const server = createFakeServer({ method: 'GET', path: '/.well-known/jwks.json', reply: json(200, {}) })
    expect(() => server.verify()).toThrow(/never made: GET \/.well-known\/jwks.json/)
  })

  test('fails verification when a request fails its check', async () => {
    const server = createFakeServer({
      method: 'POST',
      path: '/x',
      check: () => expect(1).toBe(2),
      reply: json(200, {}),
    })
    await expect(
      server.fetch(new Request('https://tenant.example.com/x', { method: 'POST' })),
    ).rejects.toThrow()
    expect(() => server.verify()).toThrow()
  })

  test('answers the expected requests in order and records their JSON bodies', async () => {
    const server = createFakeServer({ method: 'POST', path: '/x', reply: json(201, { ok: true }) })
    const response = await server.fetch(
      new Request('https://tenant.example.com/x', { method: 'POST', body: JSON.stringify({ a: 1 }) }),
    )
    expect(response.status).toBe(201)
    expect(server.requests[0]?.body).toEqual({ a: 1 })
    expect(() => server.verify()).not.toThrow()
  })
})
