import { X509Certificate, createHash, createPrivateKey, createPublicKey } from 'node:crypto'
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import {
  CERTIFICATE_VALID_DAYS,
  createSelfSignedCertificate,
  summariseCertificate,
} from '../../demo/server/tls/certificate'
import { describeHttps, prepareHttps } from '../../demo/server/tls/https-setup'
import type { HttpsSetup } from '../../demo/server/tls/https-setup'

const made: HttpsSetup[] = []
afterEach(() => {
  for (const setup of made.splice(0)) setup.dispose()
})

describe('E20: the certificate HTTPS mode makes at start', () => {
  test('is for 127.0.0.1 and localhost only, a server certificate and not a CA, signed by its own key', () => {
    const now = new Date('2030-01-01T12:00:00Z')
    const { certificate, privateKey } = createSelfSignedCertificate({ now })
    const x509 = new X509Certificate(certificate)
    expect(x509.subjectAltName).toBe('IP Address:127.0.0.1, DNS:localhost')
    expect(x509.checkIP('127.0.0.1')).toBe('127.0.0.1')
    expect(x509.checkHost('localhost')).toBe('localhost')
    expect(x509.checkHost('example.com')).toBeUndefined()
    expect(x509.ca).toBe(false)
    expect(x509.keyUsage).toEqual(['1.3.6.1.5.5.7.3.1']) // serverAuth
    expect(x509.verify(x509.publicKey)).toBe(true)
    expect(x509.checkPrivateKey(createPrivateKey(privateKey))).toBe(true)
    expect(new Date(x509.validFrom).getTime()).toBe(now.getTime() - 60_000)
    expect(new Date(x509.validTo).getTime()).toBe(now.getTime() + CERTIFICATE_VALID_DAYS * 86_400_000)
  })

  test('each start makes a new key, so a certificate trusted yesterday proves nothing today', () => {
    const first = createSelfSignedCertificate()
    const second = createSelfSignedCertificate()
    expect(summariseCertificate(first.certificate).spkiSha256).not.toBe(
      summariseCertificate(second.certificate).spkiSha256,
    )
  })

  test('dates from 2050 on are written as GeneralizedTime, which X.509 requires from then', () => {
    const { certificate } = createSelfSignedCertificate({ now: new Date('2049-12-20T00:00:00Z') })
    const x509 = new X509Certificate(certificate)
    expect(new Date(x509.validFrom).getUTCFullYear()).toBe(2049)
    expect(new Date(x509.validTo).getUTCFullYear()).toBe(2050)
  })

  test('the summary gives Chromium’s SPKI pin and the fingerprint browsers show', () => {
    const { certificate } = createSelfSignedCertificate()
    const summary = summariseCertificate(certificate)
    const spki = createPublicKey(certificate).export({ type: 'spki', format: 'der' })
    expect(summary.spkiSha256).toBe(createHash('sha256').update(spki).digest('base64'))
    expect(summary.fingerprint256).toBe(new X509Certificate(certificate).fingerprint256)
    expect(summary.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/)
  })
})

describe('E20: prepareHttps()', () => {
  test('writes the certificate, never the key, and removes it on dispose', () => {
    const setup = prepareHttps('generate')
    made.push(setup)
    expect(setup.generated).toBe(true)
    expect(readFileSync(setup.certificateFile, 'utf8')).toBe(setup.credentials.certificate)
    const folder = dirname(setup.certificateFile)
    expect(readdirSync(folder)).toEqual(['certificate.pem'])
    expect(readFileSync(setup.certificateFile, 'utf8')).not.toContain('PRIVATE KEY')
    const lines = describeHttps(setup).join('\n')
    expect(lines).toContain(`NODE_EXTRA_CA_CERTS=${setup.certificateFile}`)
    expect(lines).toContain(`--ignore-certificate-errors-spki-list=${setup.summary.spkiSha256}`)
    setup.dispose()
    expect(existsSync(folder)).toBe(false)
  })

  test('takes a given certificate and key, and names the files when they do not belong together', () => {
    const folder = mkdtempSync(join(tmpdir(), 'emulator-cert-test-'))
    try {
      const one = createSelfSignedCertificate()
      const other = createSelfSignedCertificate()
      const files = {
        cert: join(folder, 'cert.pem'),
        key: join(folder, 'key.pem'),
        other: join(folder, 'o.pem'),
      }
      writeFileSync(files.cert, one.certificate)
      writeFileSync(files.key, one.privateKey)
      writeFileSync(files.other, other.privateKey)

      const given = prepareHttps({ certFile: files.cert, keyFile: files.key })
      expect(given).toMatchObject({ generated: false, certificateFile: files.cert })
      expect(given.credentials).toEqual(one)
      given.dispose()
      expect(existsSync(files.cert)).toBe(true)
      expect(describeHttps(given).join('\n')).toContain('given with --cert')

      expect(() => prepareHttps({ certFile: files.cert, keyFile: files.other })).toThrow(
        `--cert ${files.cert} and --key ${files.other} cannot be used together`,
      )
      expect(() => prepareHttps({ certFile: join(folder, 'missing.pem'), keyFile: files.key })).toThrow(
        /--cert .*missing\.pem cannot be read/,
      )
    } finally {
      rmSync(folder, { recursive: true, force: true })
    }
  })
})
