/**
 * E20 with real sockets and real TLS: `npm run emulator -- --https` on a given PORT, and a backend client in
 * its own Node process that trusts nothing but the certificate the emulator printed (NODE_EXTRA_CA_CERTS),
 * as a developer would point an Auth0 backend SDK at it.
 */
import { execFile } from 'node:child_process'
import { existsSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { startEmulatorProcess } from '../../e2e/support/emulator-process'
import type { EmulatorProcess } from '../../e2e/support/emulator-process'
import { freePort } from '../support/served'
import { WEB, WEB_SECRET } from './helpers'

const ROOT = resolve(import.meta.dirname, '../..')
let port: number
let emulator: EmulatorProcess

beforeAll(async () => {
  port = await freePort()
  emulator = await startEmulatorProcess({ via: 'npm', args: ['--https'], env: { PORT: String(port) } })
}, 60_000)

afterAll(async () => {
  await emulator?.stop()
})

/** Runs the backend client (fixtures/backend-client.ts) trusting the printed certificate. */
async function runBackendClient(): Promise<Record<string, unknown>> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', 'test/emulator/fixtures/backend-client.ts', emulator.origin, WEB, WEB_SECRET],
    { cwd: ROOT, env: { ...process.env, NODE_EXTRA_CA_CERTS: emulator.tls?.certificateFile ?? '' } },
  )
  return JSON.parse(stdout) as Record<string, unknown>
}

describe('E20: npm run emulator -- --https', () => {
  test('listens with TLS on the given PORT and prints where its certificate is', () => {
    expect(emulator.origin).toBe(`https://127.0.0.1:${port}`)
    expect(emulator.tls?.certificate).toMatch(/^-----BEGIN CERTIFICATE-----/)
    expect(emulator.output()).toContain(`NODE_EXTRA_CA_CERTS=${emulator.tls?.certificateFile}`)
  })

  test('a client that was not given the certificate is refused by TLS, not answered', async () => {
    const failure = await fetch(`${emulator.origin}/.well-known/openid-configuration`).then(
      () => undefined,
      (error: Error) => error,
    )
    expect((failure?.cause as { code?: string } | undefined)?.code).toMatch(/SELF_SIGNED|UNABLE_TO_VERIFY/)
  })

  test(
    'a Node backend that trusts the printed certificate: discovery, email and SMS starts with the secret, ' +
      'the OTP grant, and ID tokens valid for the https issuer and its JWKS',
    async () => {
      const result = await runBackendClient()
      const issuer = `https://127.0.0.1:${port}/`
      expect(result['issuer']).toBe(issuer)
      expect(result['emailStart']).toEqual({
        status: 200,
        body: { _id: expect.any(String), email: 'backend@example.com', email_verified: false },
      })
      expect(result['smsStart']).toMatchObject({
        status: 200,
        body: { phone_number: '+15555550142', phone_verified: false },
      })
      expect(result['email']).toMatchObject({
        status: 200,
        claims: { iss: issuer, aud: WEB, email: 'backend@example.com', email_verified: true },
      })
      expect(result['sms']).toMatchObject({
        status: 200,
        claims: { iss: issuer, aud: WEB, phone_number: '+15555550142', phone_verified: true },
      })
      // The forwarded address of the email start counts (E6); the SMS start sent none.
      expect(result['codesSentFrom']).toEqual([
        ['+15555550142', '127.0.0.1'],
        ['backend@example.com', '203.0.113.9'],
      ])
    },
    30_000,
  )

  test('its certificate file is gone once it stops (the key was never written)', async () => {
    const folder = dirname(emulator.tls?.certificateFile ?? '')
    expect(existsSync(folder)).toBe(true)
    await emulator.stop()
    const deadline = Date.now() + 5000
    while (existsSync(folder) && Date.now() < deadline) await new Promise((wait) => setTimeout(wait, 50))
    expect(existsSync(folder)).toBe(false)
  })
})
