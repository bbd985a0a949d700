import { describe, expect, test } from 'vitest'
import {
  SPA,
  SPA_CALLBACK,
  SPA_ORIGIN,
  WEB,
  WEB_SECRET,
  pkce,
  redirectParams,
  sendLink,
  setup,
  submitForm,
} from './helpers'
import type { Harness } from './helpers'

async function codeFor(h: Harness, challenge?: string): Promise<string> {
  const params: Record<string, string> = { response_type: 'code', redirect_uri: SPA_CALLBACK, state: 's' }
  if (challenge !== undefined)
    Object.assign(params, { code_challenge: challenge, code_challenge_method: 'S256' })
  const link = await sendLink(h, 'code@example.com', params)
  const back = await submitForm(h, await h.get(link))
  return redirectParams(back).get('code') ?? ''
}

function exchange(h: Harness, fields: Record<string, string | undefined>) {
  const body = Object.fromEntries(
    Object.entries({
      grant_type: 'authorization_code',
      client_id: SPA,
      redirect_uri: SPA_CALLBACK,
      ...fields,
    }).filter(([, v]) => v !== undefined),
  )
  return h.post('/oauth/token', body)
}

describe('E12: authorization codes', () => {
  test('are single-use', async () => {
    const h = setup()
    const { verifier, challenge } = pkce()
    const code = await codeFor(h, challenge)
    expect((await exchange(h, { code, code_verifier: verifier })).status).toBe(200)
    const replay = await exchange(h, { code, code_verifier: verifier })
    expect(replay.status).toBe(403)
    expect(await replay.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid authorization code',
    })
  })

  test('are short-lived (60 s)', async () => {
    const h = setup()
    const { verifier, challenge } = pkce()
    const code = await codeFor(h, challenge)
    h.clock.now += 60_000
    expect((await exchange(h, { code, code_verifier: verifier })).status).toBe(403)
  })

  test('need the verifier when a challenge was sent, and the right one', async () => {
    const h = setup()
    const { verifier, challenge } = pkce()
    const missing = await exchange(h, { code: await codeFor(h, challenge) })
    expect(missing.status).toBe(400)
    expect(await missing.json()).toEqual({
      error: 'invalid_request',
      error_description: "Parameter 'code_verifier' is required",
    })
    const wrong = await exchange(h, { code: await codeFor(h, challenge), code_verifier: pkce().verifier })
    expect(await wrong.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Failed to verify code verifier',
    })
    // A failed attempt used the code up.
    const code = await codeFor(h, challenge)
    await exchange(h, { code, code_verifier: 'x'.repeat(43) })
    expect((await exchange(h, { code, code_verifier: verifier })).status).toBe(403)
  })

  test('refuse a code_verifier when no challenge was sent, and refuse a public client without PKCE', async () => {
    const h = setup()
    const downgrade = await exchange(h, { code: await codeFor(h), code_verifier: pkce().verifier })
    expect(downgrade.status).toBe(403)
    expect(((await downgrade.json()) as { error_description: string }).error_description).toContain(
      'no code_challenge',
    )
    const bare = await exchange(h, { code: await codeFor(h) })
    expect(bare.status).toBe(403)
  })

  test('need the same redirect_uri and the same client', async () => {
    const h = setup()
    const { verifier, challenge } = pkce()
    expect(
      (
        await exchange(h, {
          code: await codeFor(h, challenge),
          code_verifier: verifier,
          redirect_uri: 'http://localhost:4401/',
        })
      ).status,
    ).toBe(403)
    const otherClient = await exchange(h, {
      code: await codeFor(h, challenge),
      code_verifier: verifier,
      client_id: WEB,
      client_secret: WEB_SECRET,
    })
    expect(await otherClient.json()).toEqual({
      error: 'invalid_grant',
      error_description: 'Invalid authorization code',
    })
  })

  test('are exchanged from a browser as a CORS simple request: a form with the charset, no custom header', async () => {
    const h = setup()
    const { verifier, challenge } = pkce()
    const code = await codeFor(h, challenge)
    // What the SDK's fetch sends for a URLSearchParams body: no Auth0-Client, nothing to preflight.
    const response = await h.fetch('/oauth/token', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8', origin: SPA_ORIGIN },
      body: new URLSearchParams({
        grant_type: 'authorization_code',
        client_id: SPA,
        code,
        code_verifier: verifier,
        redirect_uri: SPA_CALLBACK,
      }).toString(),
    })
    expect(response.status).toBe(200)
    // A simple request gets no preflight: the answer itself must let the page read it, without cookies.
    expect(response.headers.get('access-control-allow-origin')).toBe(SPA_ORIGIN)
    expect(response.headers.get('access-control-allow-credentials')).toBeNull()
    expect(await response.json()).toMatchObject({ id_token: expect.any(String), token_type: 'Bearer' })
  })
})
