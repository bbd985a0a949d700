import { describe, expect, test } from 'vitest'
import { LOG_TYPES } from '../../demo/server/logs'
import {
  NATIVE,
  OTP_GRANT,
  SPA,
  SPA_CALLBACK,
  SPA_ORIGIN,
  WEB,
  WEB_SECRET,
  fromIp,
  cookiesFrom,
  lastMessage,
  otpGrant,
  pkce,
  readLoginConfig,
  redirectParams,
  setup,
  wrongCode,
} from './helpers'
import type { Harness } from './helpers'
import {
  RECOVERY_CODE,
  authenticatorId,
  challenge,
  currentTotp,
  firstFactor,
  mfaGrant,
  smsCode,
} from './mfa-helpers'

const AGENT = 'Mozilla/5.0 (log-origin test)'
const CALLER = '192.0.2.10'

/** Every request of these tests comes from CALLER with AGENT. */
function from(extra: Record<string, string> = {}): Record<string, string> {
  return { 'user-agent': AGENT, ...fromIp(CALLER), ...extra }
}

async function start(h: Harness, body: Record<string, unknown>): Promise<Response> {
  return h.post('/passwordless/start', { connection: 'email', send: 'code', ...body }, from())
}

/** Logs a person in through /co/authenticate and /authorize, then exchanges the code twice (once too often). */
async function crossOriginLogin(h: Harness, email: string): Promise<void> {
  await start(h, { client_id: SPA, email })
  const credential = {
    client_id: SPA,
    credential_type: OTP_GRANT,
    realm: 'email',
    username: email,
  }
  const headers = from({ origin: SPA_ORIGIN })
  await h.post('/co/authenticate', { ...credential, otp: wrongCode(lastMessage(h, email).code) }, headers)
  const co = await h.post('/co/authenticate', { ...credential, otp: lastMessage(h, email).code }, headers)
  const ticket = (await co.json()) as { login_ticket: string }
  const { verifier, challenge } = pkce()
  const authorize = new URLSearchParams({
    client_id: SPA,
    redirect_uri: SPA_CALLBACK,
    response_type: 'code',
    login_ticket: ticket.login_ticket,
    code_challenge: challenge,
    code_challenge_method: 'S256',
  })
  const code =
    redirectParams(await h.get(`/authorize?${authorize}`, from({ cookie: cookiesFrom(co) }))).get('code') ??
    ''
  const exchange = { grant_type: 'authorization_code', client_id: SPA, code, code_verifier: verifier }
  for (let attempt = 0; attempt < 2; attempt += 1) {
    await h.post('/oauth/token', { ...exchange, redirect_uri: SPA_CALLBACK }, from())
  }
}

/** The MFA user's second factors, each failed once then passed: 13 more types, from four first factors. */
async function secondFactors(h: Harness): Promise<void> {
  const otp = await firstFactor(h, undefined, from())
  await mfaGrant(h, 'otp', { mfa_token: otp.mfa_token, otp: wrongCode(currentTotp(h)) }, undefined, from()) // feotpft
  await mfaGrant(h, 'otp', { mfa_token: otp.mfa_token, otp: currentTotp(h) }, undefined, from()) // seotpft
  const oob = await firstFactor(h, undefined, from())
  const sms = await challenge(h, { mfa_token: oob.mfa_token, challenge_type: 'oob' }, undefined, from()) // gd_send_sms
  const answer = { mfa_token: oob.mfa_token, oob_code: sms.body['oob_code'] }
  await mfaGrant(h, 'oob', { ...answer, binding_code: wrongCode(smsCode(h)) }, undefined, from()) // feoobft
  await mfaGrant(h, 'oob', { ...answer, binding_code: smsCode(h) }, undefined, from()) // seoobft
  const recovery = await firstFactor(h, undefined, from())
  const push = await authenticatorId(h, recovery.mfa_token, 'push', from())
  await challenge(
    h,
    { mfa_token: recovery.mfa_token, challenge_type: 'oob', authenticator_id: push },
    undefined,
    from(),
  ) // gd_send_pn
  const code = { mfa_token: recovery.mfa_token }
  await mfaGrant(h, 'recovery', { ...code, recovery_code: 'WRONGCODE' }, undefined, from()) // fercft
  await mfaGrant(h, 'recovery', { ...code, recovery_code: RECOVERY_CODE }, undefined, from()) // sercft
  // Seven more failures empty the user's bucket of ten; the next attempt is refused: gd_otp_rate_limit_exceed.
  const blocked = await firstFactor(h, undefined, from())
  for (let attempt = 0; attempt < 8; attempt += 1) {
    await mfaGrant(h, 'otp', { mfa_token: blocked.mfa_token, otp: '000000' }, undefined, from())
  }
}

describe('E22: every tenant log entry carries ip and user_agent', () => {
  test('every type the emulator writes, from every route that writes one', async () => {
    const h = setup({
      tenant: {
        settings: {
          startRateLimitBucketSize: 16,
          bruteForceThreshold: 2,
          enforceClientAuthForPasswordless: false,
          botDetection: 'always',
        },
      },
    })
    await start(h, { client_id: SPA, email: 'link@example.com', send: 'link' }) // cls
    await start(h, { client_id: WEB, email: 'depnote@example.com' }) // depnote, cs
    await crossOriginLogin(h, 'cross@example.com') // cs, fcoa, scoa, s, seccft, feccft
    // Two wrong codes at /passwordless/verify: f, then limit_wc and f.
    await start(h, { client_id: SPA, email: 'blocked@example.com' })
    const wrong = wrongCode(lastMessage(h, 'blocked@example.com').code)
    const verify = {
      client_id: SPA,
      connection: 'email',
      email: 'blocked@example.com',
      verification_code: wrong,
    }
    for (let attempt = 0; attempt < 2; attempt += 1) await h.post('/passwordless/verify', verify, from())
    // Verified by the native app's OTP grant: s.
    await start(h, { client_id: NATIVE, email: 'native@example.com' })
    await otpGrant(h, 'native@example.com', lastMessage(h, 'native@example.com').code, NATIVE, from())
    // A start of the hosted page's login transaction without its captcha answer: pla.
    const authorize = `/authorize?client_id=${SPA}&redirect_uri=${encodeURIComponent(SPA_CALLBACK)}`
    const { internalOptions } = await readLoginConfig(await h.get(authorize, from()))
    await start(h, {
      client_id: SPA,
      email: 'bot@example.com',
      authParams: { state: internalOptions['state'] },
    })
    await secondFactors(h)
    // Past the per-IP bucket: api_limit.
    for (let call = 0; call < 8; call += 1)
      await start(h, { client_id: SPA, email: `spam${call}@example.com` })

    const entries = h.emulator.logs.search()
    expect(new Set(entries.map((entry) => entry.type))).toEqual(new Set(Object.keys(LOG_TYPES)))
    const origins = new Set(entries.map((entry) => `${entry.ip} ${entry.user_agent}`))
    expect(origins).toEqual(new Set([`${CALLER} ${AGENT}`]))
  })

  test('the OTP grant with the secret and a trusted auth0-forwarded-for logs the person’s address', async () => {
    const h = setup({ tenant: { settings: { bruteForceThreshold: 1 } } })
    await h.post(
      '/passwordless/start',
      { client_id: WEB, client_secret: WEB_SECRET, connection: 'sms', phone_number: '+15555550177' },
      from({ 'auth0-forwarded-for': '203.0.113.70' }),
    )
    const grant = {
      grant_type: OTP_GRANT,
      client_id: WEB,
      client_secret: WEB_SECRET,
      realm: 'sms',
      username: '+15555550177',
      otp: wrongCode(lastMessage(h, '+15555550177').code),
    }
    const refused = await h.post('/oauth/token', grant, from({ 'auth0-forwarded-for': '203.0.113.70' }))
    expect(refused.status).toBe(403)
    // Attack protection's block and the failed login are both the person's, not the backend's.
    expect(h.emulator.logs.search().map((entry) => [entry.type, entry.ip])).toEqual([
      ['f', '203.0.113.70'],
      ['limit_wc', '203.0.113.70'],
      ['cs', '203.0.113.70'],
    ])
    // A public client cannot speak for anyone: its header is ignored.
    const native = await h.post(
      '/oauth/token',
      { ...grant, client_id: NATIVE, client_secret: undefined },
      from({ 'auth0-forwarded-for': '203.0.113.71' }),
    )
    // The identity is blocked by now; the refusal is logged at the caller's own address.
    expect(native.status).toBe(429)
    expect(h.emulator.logs.search()[0]).toMatchObject({ type: 'f', ip: CALLER })
    expect(h.emulator.logs.search('ip:203.0.113.71')).toEqual([])
  })
})
