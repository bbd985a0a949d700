import { describe, expect, test } from 'vitest'
import { SPA, SPA_CALLBACK, lastMessage, readLoginConfig, setup, startEmail } from './helpers'

describe('E13: headers', () => {
  test('codes and tokens never get cached, and no response sends a referrer', async () => {
    const h = setup()
    const responses = [
      await startEmail(h, 'h@example.com'),
      await h.get('/__emulator/outbox'),
      await h.post('/passwordless/verify', {
        client_id: SPA,
        connection: 'email',
        email: 'h@example.com',
        verification_code: lastMessage(h, 'h@example.com').code,
      }),
      await h.post('/oauth/token', { grant_type: 'authorization_code', client_id: SPA, code: 'nope' }),
      await h.get(
        `/authorize?client_id=${SPA}&redirect_uri=${encodeURIComponent(SPA_CALLBACK)}&response_type=code`,
      ),
      await h.get('/nowhere'),
    ]
    for (const response of responses) {
      expect(response.headers.get('cache-control')).toBe('no-store')
      expect(response.headers.get('referrer-policy')).toBe('no-referrer')
    }
    for (const path of ['/.well-known/jwks.json', '/universal-login/style.css']) {
      expect((await h.get(path)).headers.get('referrer-policy')).toBe('no-referrer')
    }
  })

  test('HTML pages send a strict CSP without inline script', async () => {
    const h = setup()
    const pages = [
      await h.get(
        `/authorize?client_id=${SPA}&redirect_uri=${encodeURIComponent(SPA_CALLBACK)}&response_type=code`,
      ),
      await h.get('/authorize?client_id=nobody'),
      await h.get('/__emulator/outbox.html'),
      await h.get('/__emulator'),
    ]
    for (const response of pages) {
      const csp = response.headers.get('content-security-policy') ?? ''
      expect(csp).toContain("script-src 'self'")
      expect(csp).toContain("default-src 'none'")
      expect(csp).toContain("frame-ancestors 'none'")
      expect(csp).not.toContain('unsafe')
      const text = await response.text()
      expect(text).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
      expect(text).not.toMatch(/\son[a-z]+=/i)
      expect(text).not.toMatch(/style="/)
    }
  })

  test('the hosted page carries its config in a meta element and loads the SDK and its logic as files', async () => {
    const h = setup()
    const page = await h.get(
      `/authorize?client_id=${SPA}&redirect_uri=${encodeURIComponent(SPA_CALLBACK)}&response_type=code`,
    )
    const text = await page.clone().text()
    expect(text).toMatch(
      /<script src="\/sdk\/passwordless-webauth.umd.min.js" nonce="[\w-]+" defer><\/script>/,
    )
    expect(text).toMatch(/<script src="\/universal-login\/login.js" nonce="[\w-]+" type="module"><\/script>/)
    expect(text).not.toContain('@@config@@')
    expect((await readLoginConfig(page)).clientID).toBe(SPA)
    const script = await h.get('/universal-login/login.js')
    expect(script.status).toBe(200)
    expect(script.headers.get('content-type')).toContain('javascript')
    expect(await script.text()).toContain('fromUniversalLoginConfig')
    expect((await h.get('/universal-login/index.html')).status).toBe(404)
    expect((await h.get('/universal-login/..%2Fserver%2Ftenant.json')).status).toBe(404)
  })

  test('the SDK bundle is served from dist/, with a clear 404 when it is not built', async () => {
    const missing = setup({ sdkBundlePath: '/nonexistent/passwordless-webauth.umd.min.js' })
    const response = await missing.get('/sdk/passwordless-webauth.umd.min.js')
    expect(response.status).toBe(404)
    expect(await response.text()).toContain('npm run build')
    const present = setup({
      sdkBundlePath: new URL('../../demo/universal-login/login.js', import.meta.url).pathname,
    })
    const served = await present.get('/sdk/passwordless-webauth.umd.min.js')
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toContain('javascript')
  })
})

describe('E14: the outbox and logs exist only in the emulator and say so', () => {
  test('every response names the emulator; the JSON routes carry a notice and pages a banner', async () => {
    const h = setup()
    for (const path of [
      '/__emulator/outbox',
      '/__emulator/logs',
      '/__emulator/settings',
      '/__emulator/outbox.html',
      '/.well-known/jwks.json',
    ]) {
      expect((await h.get(path)).headers.get('x-emulator')).toBe('passwordless-webauth')
    }
    const outbox = (await (await h.get('/__emulator/outbox')).json()) as { notice: string }
    expect(outbox.notice).toMatch(/^Emulator only/)
    expect(await (await h.get('/__emulator/outbox.html')).text()).toContain('Not a production service')
  })

  test('the outbox lists newest first, filters by recipient, empties on DELETE, and logs each message', async () => {
    const h = setup()
    await startEmail(h, 'first@example.com')
    await startEmail(h, 'second@example.com')
    await startEmail(h, 'FIRST@example.com')
    const all = (await (await h.get('/__emulator/outbox')).json()) as {
      messages: { to: string; code: string }[]
    }
    expect(all.messages.map((message) => message.to)).toEqual([
      'first@example.com',
      'second@example.com',
      'first@example.com',
    ])
    const filtered = (await (await h.get('/__emulator/outbox?to=First@Example.com')).json()) as {
      messages: unknown[]
    }
    expect(filtered.messages).toHaveLength(2)
    expect(
      h.lines.filter((line) => line.startsWith('[outbox] To sign in as first@example.com, use code ')),
    ).toHaveLength(2)
    expect((await h.fetch('/__emulator/outbox', { method: 'DELETE' })).status).toBe(204)
    expect(((await (await h.get('/__emulator/outbox')).json()) as { messages: unknown[] }).messages).toEqual(
      [],
    )
  })

  test('the outbox page escapes what it shows', async () => {
    const h = setup()
    await h.post('/passwordless/start', {
      client_id: SPA,
      connection: 'email',
      email: 'x@example.com',
      authParams: { state: '"><img src=x onerror=alert(1)>' },
    })
    const text = await (await h.get('/__emulator/outbox.html')).text()
    expect(text).not.toContain('<img src=x')
    // The link's separators are escaped in the href, proof that it went through the escaper.
    expect(text).toContain('&amp;connection=email')
  })

  test('logs answer field:value queries with wildcards and AND, and refuse what they do not understand', async () => {
    const h = setup({ tenant: { settings: { enforceClientAuthForPasswordless: false } } })
    await h.post('/passwordless/start', {
      client_id: 'regular-web-demo',
      connection: 'email',
      send: 'code',
      email: 'w@example.com',
    })
    const search = async (q: string) =>
      (await h.get(`/__emulator/logs?q=${encodeURIComponent(q)}`)).json() as Promise<{
        logs: { type: string }[]
      }>
    expect((await search('type:depnote AND description:*passwordless*')).logs).toHaveLength(1)
    expect((await search('type:depnote AND description:*nothing-like-this*')).logs).toHaveLength(0)
    expect((await search('type:cs')).logs).toHaveLength(1)
    expect((await search('')).logs.map((entry) => entry.type)).toEqual(['cs', 'depnote'])
    const bad = await h.get(`/__emulator/logs?q=${encodeURIComponent('type:cs OR type:s')}`)
    expect(bad.status).toBe(400)
  })

  test('settings are validated, reset clears state, and a foreign web page cannot change anything', async () => {
    const h = setup()
    const patch = (body: unknown, headers: Record<string, string> = {}) =>
      h.fetch('/__emulator/settings', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(body),
      })
    expect((await patch({ codeLength: 'six' })).status).toBe(400)
    expect((await patch({ unknownSetting: true })).status).toBe(400)
    expect((await patch({ maxAttempts: 5 }, { origin: 'http://evil.example' })).status).toBe(403)
    expect(h.emulator.settings.maxAttempts).toBe(3)
    expect((await patch({ maxAttempts: 5 }, { origin: 'http://127.0.0.1:4400' })).status).toBe(200)
    expect(h.emulator.settings.maxAttempts).toBe(5)
    expect(
      (await h.fetch('/__emulator/reset', { method: 'POST', headers: { origin: 'http://evil.example' } }))
        .status,
    ).toBe(403)

    await startEmail(h, 'r@example.com')
    expect((await h.fetch('/__emulator/reset', { method: 'POST' })).status).toBe(204)
    expect(h.emulator.outbox.list()).toHaveLength(0)
    expect(h.emulator.logs.search()).toHaveLength(0)
    expect(h.emulator.settings.maxAttempts).toBe(3)
    expect((await h.post('/__emulator/clock', { advanceSeconds: -1 })).status).toBe(400)
  })

  test('the discovery documents describe the emulator', async () => {
    const h = setup()
    const config = (await (await h.get('/.well-known/openid-configuration')).json()) as Record<
      string,
      unknown
    >
    expect(config).toMatchObject({
      issuer: 'http://127.0.0.1:4400/',
      jwks_uri: 'http://127.0.0.1:4400/.well-known/jwks.json',
      code_challenge_methods_supported: ['S256'],
      id_token_signing_alg_values_supported: ['RS256'],
    })
    const jwks = (await (await h.get('/.well-known/jwks.json')).json()) as { keys: Record<string, unknown>[] }
    expect(jwks.keys).toHaveLength(1)
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) })
    expect(jwks.keys[0]).not.toHaveProperty('d')
  })
})

describe('browser niceties', () => {
  test('a preflight for the public documents allows the SDK headers from any origin', async () => {
    const h = setup()
    const response = await h.fetch('/.well-known/jwks.json', {
      method: 'OPTIONS',
      headers: { origin: 'http://elsewhere.example', 'access-control-request-headers': 'auth0-client' },
    })
    expect(response.status).toBe(204)
    expect(response.headers.get('access-control-allow-origin')).toBe('*')
    expect(response.headers.get('access-control-allow-headers')).toMatch(/Auth0-Client/)
  })

  test('/favicon.ico answers 204, so browsers log no 404', async () => {
    const h = setup()
    expect((await h.get('/favicon.ico')).status).toBe(204)
  })
})
