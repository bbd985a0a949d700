/**
 * The certificate of HTTPS mode (E20): a self-signed X.509 certificate for the emulator's loopback names, made at
 * start from a fresh P-256 key. It is an end-entity certificate (not a CA), so trusting it trusts this one
 * server and nothing it could sign; the private key exists only in the emulator's memory.
 *
 * @see https://www.rfc-editor.org/rfc/rfc5280 (the fields and extensions written here)
 */
import { X509Certificate, createHash, generateKeyPairSync, randomBytes, sign } from 'node:crypto'
import { isIP } from 'node:net'
import {
  bitString,
  booleanTrue,
  explicit,
  implicitPrimitive,
  objectIdentifier,
  octetString,
  sequence,
  set,
  smallInteger,
  time,
  unsignedInteger,
  utf8String,
} from './der'

const OID = {
  ecdsaWithSha256: '1.2.840.10045.4.3.2',
  commonName: '2.5.4.3',
  subjectKeyIdentifier: '2.5.29.14',
  keyUsage: '2.5.29.15',
  subjectAltName: '2.5.29.17',
  basicConstraints: '2.5.29.19',
  extKeyUsage: '2.5.29.37',
  serverAuth: '1.3.6.1.5.5.7.3.1',
} as const

/** The names HTTPS mode serves: the emulator listens on 127.0.0.1 and answers `localhost` too. */
export const LOOPBACK_NAMES = ['127.0.0.1', 'localhost'] as const

/** How long a certificate made at start is valid; a new one is made at every start. */
export const CERTIFICATE_VALID_DAYS = 30

export interface TlsCredentials {
  /** The certificate, PEM: what a client trusts. */
  certificate: string
  /** The private key, PKCS #8 PEM: held in memory by the server, never written anywhere. */
  privateKey: string
}

export interface CertificateOptions {
  /** DNS names and IP addresses the certificate is for. @defaultValue 127.0.0.1 and localhost */
  names?: readonly string[]
  /** @defaultValue now */
  now?: Date
}

/** Makes a self-signed server certificate for `names` with a fresh P-256 key. */
export function createSelfSignedCertificate(options: CertificateOptions = {}): TlsCredentials {
  const names = options.names ?? LOOPBACK_NAMES
  const now = options.now ?? new Date()
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' })
  const spki = publicKey.export({ type: 'spki', format: 'der' })
  const name = sequence(
    set(sequence(objectIdentifier(OID.commonName), utf8String('Auth0 emulator (passwordless-webauth)'))),
  )
  const signatureAlgorithm = sequence(objectIdentifier(OID.ecdsaWithSha256))
  const toBeSigned = sequence(
    explicit(0, smallInteger(2)), // X.509 v3
    unsignedInteger(randomBytes(16)),
    signatureAlgorithm,
    name,
    // A minute back, so that a client whose clock is slightly behind accepts it at once.
    sequence(
      time(new Date(now.getTime() - 60_000)),
      time(new Date(now.getTime() + CERTIFICATE_VALID_DAYS * 86_400_000)),
    ),
    name,
    spki,
    explicit(3, sequence(...extensions(names, spki))),
  )
  const signature = sign('sha256', toBeSigned, { key: privateKey, dsaEncoding: 'der' })
  const der = sequence(toBeSigned, signatureAlgorithm, bitString(signature))
  return {
    certificate: toPem('CERTIFICATE', der),
    privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  }
}

function extensions(names: readonly string[], spki: Uint8Array): Uint8Array[] {
  const extension = (oid: string, value: Uint8Array, critical = false) =>
    sequence(objectIdentifier(oid), ...(critical ? [booleanTrue()] : []), octetString(value))
  const generalNames = names.map(
    (entry) =>
      isIP(entry) === 4
        ? implicitPrimitive(7, Uint8Array.from(entry.split('.').map(Number))) // iPAddress
        : implicitPrimitive(2, Buffer.from(entry, 'ascii')), // dNSName
  )
  return [
    // cA false (the default, so an empty SEQUENCE): not a certificate authority.
    extension(OID.basicConstraints, sequence(), true),
    // digitalSignature only (bit 0): what an ECDSA TLS server key does.
    extension(OID.keyUsage, bitString(Uint8Array.of(0x80), 7), true),
    extension(OID.extKeyUsage, sequence(objectIdentifier(OID.serverAuth))),
    extension(OID.subjectAltName, sequence(...generalNames)),
    extension(OID.subjectKeyIdentifier, octetString(createHash('sha1').update(spki).digest())),
  ]
}

function toPem(label: string, der: Uint8Array): string {
  const lines =
    Buffer.from(der)
      .toString('base64')
      .match(/.{1,64}/g) ?? []
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`
}

/** What a person needs to trust a certificate, whoever made it. */
export interface CertificateSummary {
  /** base64 of SHA-256 of the public key: Chromium's `--ignore-certificate-errors-spki-list` value. */
  spkiSha256: string
  /** The SHA-256 fingerprint browsers show, colon-separated hex. */
  fingerprint256: string
  subjectAltName: string
  validTo: string
}

/** @throws Error when `certificatePem` is not a PEM certificate. */
export function summariseCertificate(certificatePem: string): CertificateSummary {
  const certificate = new X509Certificate(certificatePem)
  const spki = certificate.publicKey.export({ type: 'spki', format: 'der' })
  return {
    spkiSha256: createHash('sha256').update(spki).digest('base64'),
    fingerprint256: certificate.fingerprint256,
    subjectAltName: certificate.subjectAltName ?? '',
    validTo: certificate.validTo,
  }
}
