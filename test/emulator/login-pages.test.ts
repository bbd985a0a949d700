import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, test } from 'vitest'
import { WEB, WEB_CALLBACK, readLoginConfig, setup } from './helpers'

const AUTHORIZE = `/authorize?client_id=${WEB}&redirect_uri=${encodeURIComponent(WEB_CALLBACK)}&response_type=code`

/** The scripts a page loads, in order. */
async function scriptsOf(page: Response): Promise<string[]> {
  return [...(await page.text()).matchAll(/<script src="([^"]+)"/g)].map((match) => match[1] ?? '')
}

describe('the hosted login page setting', () => {
  test('demo (the default): the demo’s own page with the SDK', async () => {
    const h = setup()
    expect(h.emulator.settings.hostedLoginPage).toBe('demo')
    expect(await scriptsOf(await h.get(AUTHORIZE))).toEqual([
      '/sdk/passwordless-webauth.umd.min.js',
      // E31: the emulator's stand-in captcha widget, which draws only when the tenant's bot detection names it.
      '/universal-login/captcha-stand-in.js',
      '/universal-login/login.js',
    ])
  })

  test('E31: the demo page allows its own scripts and those with its nonce, a new one per page, which each of its scripts carries', async () => {
    const h = setup()
    const nonces = []
    for (const page of [await h.get(AUTHORIZE), await h.get(AUTHORIZE)]) {
      const csp = page.headers.get('content-security-policy') ?? ''
      const nonce = /script-src 'self' 'nonce-([\w-]{24})';/.exec(csp)?.[1]
      expect(nonce).toBeDefined()
      const tags = [...(await page.text()).matchAll(/<script [^>]*>/g)].map((match) => match[0])
      expect(tags).toHaveLength(3)
      for (const tag of tags) expect(tag).toContain(` nonce="${nonce}"`)
      nonces.push(nonce)
    }
    expect(nonces[0]).not.toBe(nonces[1])
  })

  test('the template page loads auth0.js or the SDK, with the same @@config@@', async () => {
    const h = setup({ tenant: { settings: { hostedLoginPage: 'template-auth0-js' } } })
    const withAuth0Js = await h.get(AUTHORIZE)
    expect(withAuth0Js.headers.get('content-security-policy')).toContain("script-src 'self'")
    expect(await scriptsOf(withAuth0Js.clone())).toEqual([
      '/universal-login/vendor/auth0.min.js',
      '/universal-login/template.js',
    ])
    expect((await readLoginConfig(withAuth0Js)).internalOptions).toHaveProperty('_csrf')

    h.emulator.settings.hostedLoginPage = 'template-passwordless-webauth'
    expect(await scriptsOf(await h.get(AUTHORIZE))).toEqual([
      '/sdk/passwordless-webauth.umd.min.js',
      '/universal-login/template.js',
    ])
  })

  test('auth0.js 10.2.1 is served from node_modules, and a missing copy says what to run', async () => {
    const served = await setup().get('/universal-login/vendor/auth0.min.js')
    expect(served.status).toBe(200)
    expect(served.headers.get('content-type')).toBe('text/javascript; charset=utf-8')
    expect(await served.text()).toContain('10.2.1')
    const folder = mkdtempSync(join(tmpdir(), 'no-auth0-js-'))
    try {
      const missing = await setup({ auth0JsPath: join(folder, 'auth0.min.js') }).get(
        '/universal-login/vendor/auth0.min.js',
      )
      expect(missing.status).toBe(404)
      expect(await missing.text()).toContain('auth0-js is not installed: run `npm install`')
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })

  test('PATCH /__emulator/settings switches it, and refuses a page that does not exist', async () => {
    const h = setup()
    const patch = (hostedLoginPage: string) =>
      h.fetch('/__emulator/settings', {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ hostedLoginPage }),
      })
    expect((await patch('template-auth0-js')).status).toBe(200)
    expect(h.emulator.settings.hostedLoginPage).toBe('template-auth0-js')
    expect((await patch('lock')).status).toBe(400)
  })
})
