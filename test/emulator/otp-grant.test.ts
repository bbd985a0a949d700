/** The passwordless OTP grant at /oauth/token, for the apps that may use it and the ones that may not. */
import { decodeProtectedHeader } from 'jose'
import { describe, expect, test } from 'vitest'
import { NATIVE, OTP_GRANT, SPA, WEB, WEB_SECRET, lastMessage, setup, verifyIdToken } from './helpers'
import type { Harness } from './helpers'

/**
 * What a backend or a native app does: sends an email code, then trades it at /oauth/token with the OTP grant.
 * `client` is the client id, with the secret for a confidential app.
 */
async function startAndGrant(
  h: Harness,
  email: string,
  client: { client_id: string; client_secret?: string },
  extra: Record<string, string> = {},
): Promise<Response> {
  await h.post('/passwordless/start', { ...client, connection: 'email', send: 'code', email })
  return h.post('/oauth/token', {
    grant_type: OTP_GRANT,
    ...client,
    realm: 'email',
    username: email,
    otp: lastMessage(h, email).code,
    ...extra,
  })
}

describe('the passwordless OTP grant', () => {
  test('a regular web app logs in with the OTP grant and its secret; the user id is stable', async () => {
    const h = setup()
    const signIn = async () => {
      const response = await startAndGrant(
        h,
        'backend@example.com',
        { client_id: WEB, client_secret: WEB_SECRET },
        { scope: 'openid email' },
      )
      expect(response.status).toBe(200)
      const body = (await response.json()) as { id_token: string }
      return verifyIdToken(h, body.id_token, WEB)
    }
    const first = await signIn()
    const second = await signIn()
    expect(second.sub).toBe(first.sub)
    h.emulator.reset()
    expect((await signIn()).sub).toBe(first.sub)
  })

  test('a native app logs in with the OTP grant without a secret', async () => {
    const h = setup()
    const response = await startAndGrant(h, 'app@example.com', { client_id: NATIVE })
    expect(response.status).toBe(200)
    const body = (await response.json()) as { id_token: string }
    expect(decodeProtectedHeader(body.id_token)).toMatchObject({ alg: 'RS256' })
    expect(await verifyIdToken(h, body.id_token, NATIVE)).toMatchObject({ email: 'app@example.com' })
  })

  test('a user who needs MFA gets mfa_required with an mfa_token instead of tokens', async () => {
    const h = setup()
    const response = await startAndGrant(h, 'mfa@example.com', { client_id: NATIVE })
    expect(response.status).toBe(403)
    const body = (await response.json()) as Record<string, unknown>
    expect(body).toMatchObject({
      error: 'mfa_required',
      error_description: 'Multifactor authentication required',
      mfa_requirements: { challenge: expect.arrayContaining([{ type: 'otp' }]) },
    })
    expect(body['mfa_token']).toMatch(/^[\w-]{40,}$/)
    expect(body).not.toHaveProperty('id_token')
  })

  test('the OTP grant is refused to the SPA and to a confidential app without its secret', async () => {
    const h = setup()
    const spa = await h.post('/oauth/token', {
      grant_type: OTP_GRANT,
      client_id: SPA,
      realm: 'email',
      username: 'a@example.com',
      otp: '123456',
    })
    expect(spa.status).toBe(403)
    expect(await spa.json()).toEqual({
      error: 'unauthorized_client',
      error_description: `Grant type '${OTP_GRANT}' not allowed for the client.`,
    })
    const web = await h.post('/oauth/token', {
      grant_type: OTP_GRANT,
      client_id: WEB,
      realm: 'email',
      username: 'a@example.com',
      otp: '123456',
    })
    expect(web.status).toBe(401)
    expect(((await web.json()) as { error: string }).error).toBe('invalid_client')
  })
})
