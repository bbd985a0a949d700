import { readFileSync } from 'node:fs'
import { describe, expect, test } from 'vitest'
import { VERSION } from '../../src/index'
import { fakeServer, json } from './support/fake-fetch'
import { EMAIL, fromBase64Url, makeWebAuth } from './support/fixtures'

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  version: string
}

describe('the Auth0-Client header', () => {
  test('VERSION equals package.json version', () => {
    expect(VERSION).toBe(packageJson.version)
  })

  test('is base64url of the SDK name and the package version by default', async () => {
    let header: string | null = null
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => void (header = request.headers.get('auth0-client')),
      reply: json(200, {}),
    })
    const { webAuth } = makeWebAuth(server)
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
    expect(header).not.toBeNull()
    expect(header).toMatch(/^[A-Za-z0-9_-]+$/)
    expect(JSON.parse(fromBase64Url(header as unknown as string))).toEqual({
      name: 'passwordless-webauth',
      version: packageJson.version,
    })
  })

  test('is absent with telemetry: false', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.headers.has('auth0-client')).toBe(false),
      reply: json(200, {}),
    })
    const { webAuth } = makeWebAuth(server, { telemetry: false })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
  })

  test('a custom header of the same name in another spelling does not go out beside ours', async () => {
    const server = fakeServer({
      method: 'POST',
      path: '/passwordless/start',
      check: (request) => expect(request.headers.get('auth0-client')).not.toContain(','),
      reply: json(200, {}),
    })
    const { webAuth } = makeWebAuth(server, { headers: { 'auth0-client': 'custom', 'X-Trace': 't-1' } })
    await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: EMAIL })
    expect(server.requests[0]?.headers.get('x-trace')).toBe('t-1')
  })
})
