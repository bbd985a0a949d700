/**
 * The MFA demo user of tenant.json and the calls a backend makes for it: the first factor that ends in
 * `mfa_required`, the MFA API, and the three grants that complete the login.
 */
import { expect } from 'vitest'
import { totpAt } from '../../demo/server/mfa/totp'
import { NATIVE, OTP_GRANT, lastMessage } from './helpers'
import type { Harness } from './helpers'

export const MFA_EMAIL = 'mfa@example.com'
export const MFA_PHONE = '+15555550142'
export const TOTP_SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP'
export const RECOVERY_CODE = 'K7Q2M9X4P8T3W6Z5N1V2R8D4'
export const MFA_GRANT = {
  otp: 'http://auth0.com/oauth/grant-type/mfa-otp',
  oob: 'http://auth0.com/oauth/grant-type/mfa-oob',
  recovery: 'http://auth0.com/oauth/grant-type/mfa-recovery-code',
} as const

/** The client a call is made for: its id, with the secret of a confidential one. */
export type Client = { client_id: string; client_secret?: string }
const native: Client = { client_id: NATIVE }

/** One person's first factor: a code sent by email or SMS, traded with the OTP grant (with `extra`). */
export interface FirstStep {
  connection?: 'email' | 'sms'
  identity?: string
  client?: Client
  headers?: Record<string, string>
  extra?: Record<string, string>
}

/** Sends a code and trades it at /oauth/token; the MFA user by email and the native app unless told. */
export async function otpFirstStep(h: Harness, step: FirstStep = {}): Promise<Response> {
  const { connection = 'email', identity = MFA_EMAIL, client = native, headers = {}, extra = {} } = step
  const address = connection === 'email' ? { email: identity } : { phone_number: identity }
  const start = { ...client, connection, send: 'code', ...address }
  expect((await h.post('/passwordless/start', start, headers)).status).toBe(200)
  const grant = { grant_type: OTP_GRANT, ...client, realm: connection, username: identity, ...extra }
  return h.post('/oauth/token', { ...grant, otp: lastMessage(h, identity).code }, headers)
}

/** Signs the MFA user in with an email code until `mfa_required`, and answers its body. */
export async function firstFactor(
  h: Harness,
  client: Client = native,
  headers: Record<string, string> = {},
): Promise<{ mfa_token: string; mfa_requirements: unknown }> {
  const response = await otpFirstStep(h, { client, headers })
  expect(response.status).toBe(403)
  const body = (await response.json()) as { error: string; mfa_token: string; mfa_requirements: unknown }
  expect(body.error).toBe('mfa_required')
  return body
}

/** The code the MFA user's authenticator app shows at the emulator's time, `offsetSeconds` from now. */
export function currentTotp(h: Harness, offsetSeconds = 0): string {
  return totpAt(TOTP_SECRET, h.clock.now + offsetSeconds * 1000)
}

/** Calls one of the MFA grants at /oauth/token and answers its status and body. */
export async function mfaGrant(
  h: Harness,
  grant: keyof typeof MFA_GRANT,
  params: Record<string, unknown>,
  client: Client = native,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; body: Record<string, unknown> }> {
  const response = await h.post(
    '/oauth/token',
    { grant_type: MFA_GRANT[grant], ...client, ...params },
    headers,
  )
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  }
}

/** Calls POST /mfa/challenge and answers its status and body. */
export async function challenge(
  h: Harness,
  params: Record<string, unknown>,
  client: Client = native,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await h.post('/mfa/challenge', { ...client, ...params }, headers)
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

/** The id of the MFA user's authenticator of a kind (`sms`, `push`, `totp`, `recovery-code`), from the list. */
export async function authenticatorId(
  h: Harness,
  mfaToken: string,
  kind: string,
  headers: Record<string, string> = {},
): Promise<string | undefined> {
  const response = await h.get('/mfa/authenticators', { ...headers, authorization: `Bearer ${mfaToken}` })
  const list = (await response.json()) as Array<{ id: string }>
  return list.find((item) => item.id.startsWith(`${kind}|`))?.id
}

/** The code of the newest SMS sent to the MFA user's phone by a challenge. */
export function smsCode(h: Harness): string {
  return lastMessage(h, MFA_PHONE).code
}
