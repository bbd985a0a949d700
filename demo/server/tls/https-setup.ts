/**
 * HTTPS mode's certificate at start: made fresh (its file written where a person and a client can find it,
 * removed when the emulator exits), or read from the files given with `--cert` and `--key`. Either way the
 * emulator prints where the certificate is and how to trust it, since clients that verify TLS (Auth0's
 * backend SDKs, browsers) refuse a certificate they were not told about.
 */
import { X509Certificate, createPrivateKey } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createSelfSignedCertificate, summariseCertificate } from './certificate'
import type { CertificateSummary, TlsCredentials } from './certificate'

export interface HttpsSetup {
  credentials: TlsCredentials
  /** The certificate's file: what `NODE_EXTRA_CA_CERTS` or a browser's trust store is given. */
  certificateFile: string
  summary: CertificateSummary
  /** True when the certificate was made at start. */
  generated: boolean
  /** Removes what was written at start (nothing for given files). Synchronous: it runs in an exit handler. */
  dispose(): void
}

/** The certificate and key files given by the person, PEM. */
export interface GivenCertificate {
  certFile: string
  keyFile: string
}

/**
 * @throws Error naming the file when a given certificate or key cannot be read, or they do not match.
 */
export function prepareHttps(given: GivenCertificate | 'generate'): HttpsSetup {
  if (given === 'generate') {
    const credentials = createSelfSignedCertificate()
    const folder = mkdtempSync(join(tmpdir(), 'auth0-emulator-'))
    const certificateFile = join(folder, 'certificate.pem')
    // The certificate only: the private key is never written.
    writeFileSync(certificateFile, credentials.certificate, { mode: 0o644 })
    return {
      credentials,
      certificateFile,
      summary: summariseCertificate(credentials.certificate),
      generated: true,
      dispose: () => rmSync(folder, { recursive: true, force: true }),
    }
  }
  const certificate = readPem(given.certFile, '--cert')
  const privateKey = readPem(given.keyFile, '--key')
  try {
    if (!new X509Certificate(certificate).checkPrivateKey(createPrivateKey(privateKey))) {
      throw new Error('the key is not the certificate’s')
    }
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(
      `--cert ${given.certFile} and --key ${given.keyFile} cannot be used together: ${reason}`,
      {
        cause: error,
      },
    )
  }
  return {
    credentials: { certificate, privateKey },
    certificateFile: given.certFile,
    summary: summariseCertificate(certificate),
    generated: false,
    dispose: () => {},
  }
}

function readPem(file: string, flag: string): string {
  try {
    return readFileSync(file, 'utf8')
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error)
    throw new Error(`${flag} ${file} cannot be read: ${reason}`, { cause: error })
  }
}

/** The lines the emulator prints about its certificate at start. */
export function describeHttps(setup: HttpsSetup): string[] {
  const { certificateFile, summary } = setup
  const origin = setup.generated ? 'made at start; a new one at every start' : 'given with --cert'
  return [
    `  TLS certificate: ${certificateFile}`,
    `    (${origin}; for ${summary.subjectAltName}; valid until ${summary.validTo})`,
    `    Node clients:  NODE_EXTRA_CA_CERTS=${certificateFile} node your-app.js`,
    `    Chromium:      --ignore-certificate-errors-spki-list=${summary.spkiSha256}`,
    `    SHA-256 fingerprint: ${summary.fingerprint256}`,
  ]
}
