/**
 * The implicit response types an app may ask for (S10 keeps the SDK on the code flow by default): tokens
 * come back in the fragment, the ID token carries the login's nonce and, next to an access token, its at_hash.
 */
import { createHash } from 'node:crypto'
import { describe, expect, test } from 'vitest'
import { SPA, WEB, WEB_CALLBACK, setup, startEmail, verifyIdToken, verifyRedirectPath } from './helpers'
import type { Harness } from './helpers'

/** Uses a fresh email code at verify_redirect with these authorize parameters; answers the redirect. */
async function loginWith(h: Harness, authorize: Record<string, string>): Promise<URL> {
  await startEmail(h, 'implicit@example.com')
  const response = await h.get(verifyRedirectPath(h, 'implicit@example.com', authorize))
  expect(response.status).toBe(302)
  return new URL(response.headers.get('location') ?? '')
}

describe('implicit response types', () => {
  test('id_token token: both in the fragment, with the nonce and the access token hash', async () => {
    const h = setup()
    const location = await loginWith(h, { response_type: 'id_token token', nonce: 'n-1', state: 's-1' })
    expect(location.search).toBe('')
    const fragment = new URLSearchParams(location.hash.slice(1))
    expect([...fragment.keys()].sort()).toEqual([
      'access_token',
      'expires_in',
      'id_token',
      'scope',
      'state',
      'token_type',
    ])
    expect(fragment.get('token_type')).toBe('Bearer')
    expect(fragment.get('expires_in')).toBe('86400')
    expect(fragment.get('state')).toBe('s-1')
    const claims = await verifyIdToken(h, fragment.get('id_token') ?? '', SPA)
    expect(claims).toMatchObject({ nonce: 'n-1', email: 'implicit@example.com' })
    // OIDC Core 3.2.2.9: the left half of the access token's SHA-256, base64url.
    const digest = createHash('sha256')
      .update(fragment.get('access_token') ?? '')
      .digest()
    expect(claims['at_hash']).toBe(digest.subarray(0, 16).toString('base64url'))
  })

  test('id_token alone: no access token and no at_hash', async () => {
    const h = setup()
    const location = await loginWith(h, { response_type: 'id_token', nonce: 'n-2' })
    const fragment = new URLSearchParams(location.hash.slice(1))
    expect([...fragment.keys()]).toEqual(['id_token'])
    const claims = await verifyIdToken(h, fragment.get('id_token') ?? '', SPA)
    expect(claims['at_hash']).toBeUndefined()
  })

  test('token alone: an access token and no ID token', async () => {
    const h = setup()
    const location = await loginWith(h, { response_type: 'token', scope: 'openid email' })
    const fragment = new URLSearchParams(location.hash.slice(1))
    expect(fragment.get('access_token')).toEqual(expect.any(String))
    expect(fragment.get('id_token')).toBeNull()
    expect(fragment.get('scope')).toBe('openid email')
  })

  test('the code flow answers in the fragment when the app asks for response_mode=fragment', async () => {
    const h = setup()
    const location = await loginWith(h, { response_mode: 'fragment', state: 'st' })
    expect(location.search).toBe('')
    expect(new URLSearchParams(location.hash.slice(1)).get('code')).toEqual(expect.any(String))
  })

  test('an app that may not use implicit grants is sent back with unauthorized_client', async () => {
    const h = setup()
    const response = await h.get(
      `/authorize?${new URLSearchParams({ client_id: WEB, redirect_uri: WEB_CALLBACK, response_type: 'token', state: 'w' })}`,
    )
    expect(response.status).toBe(302)
    const fragment = new URLSearchParams(new URL(response.headers.get('location') ?? '').hash.slice(1))
    expect(Object.fromEntries(fragment)).toEqual({
      error: 'unauthorized_client',
      error_description: "Grant type 'implicit' not allowed for the client.",
      state: 'w',
    })
  })
})
