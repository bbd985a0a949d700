/**
 * Time-based one-time passwords (RFC 6238) as authenticator apps make them: HMAC-SHA-1 (RFC 4226) of the
 * 30-second step since the epoch, six digits, the secret in base32 (RFC 4648) as apps take it from an
 * `otpauth://totp/...?algorithm=SHA1&digits=6&period=30` URI. Node's crypto only.
 *
 * @see https://www.rfc-editor.org/rfc/rfc6238
 * @see https://www.rfc-editor.org/rfc/rfc4226#section-5.3
 */
import { createHmac } from 'node:crypto'
import { constantTimeEqual } from '../../shared/constant-time'

export const TOTP_STEP_SECONDS = 30
const TOTP_DIGITS = 6
/**
 * Steps accepted on either side of the current one: a code from the previous or the next 30 seconds still
 * passes, for a clock that drifts and a person who types slowly (RFC 6238 5.2 recommends at most one).
 */
const TOTP_WINDOW = 1

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

/** A base32 secret's bytes; spaces and padding are ignored, letters may be in either case. */
export function base32Decode(secret: string): Buffer {
  const bytes: number[] = []
  let bits = 0
  let value = 0
  for (const char of secret.toUpperCase().replace(/[\s=]/g, '')) {
    const index = BASE32.indexOf(char)
    if (index < 0) throw new Error(`"${char}" is not a base32 digit`)
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      bits -= 8
      bytes.push((value >>> bits) & 0xff)
    }
  }
  return Buffer.from(bytes)
}

/** The RFC 4226 code of `counter`: HMAC-SHA-1, dynamic truncation, `digits` decimal digits. */
export function hotp(key: Buffer, counter: number, digits = TOTP_DIGITS): string {
  const message = Buffer.alloc(8)
  message.writeBigUInt64BE(BigInt(counter))
  const mac = createHmac('sha1', key).update(message).digest()
  const offset = (mac[mac.length - 1] as number) & 0x0f
  const binary = mac.readUInt32BE(offset) & 0x7fffffff
  return String(binary % 10 ** digits).padStart(digits, '0')
}

/** The time step of an instant (milliseconds since the epoch). */
export const totpStep = (nowMs: number): number => Math.floor(nowMs / 1000 / TOTP_STEP_SECONDS)

/** The code an authenticator app shows at `nowMs`. */
export function totpAt(secret: string, nowMs: number): string {
  return hotp(base32Decode(secret), totpStep(nowMs))
}

/** Seconds until the code of `nowMs` changes. */
export function secondsLeftInStep(nowMs: number): number {
  return TOTP_STEP_SECONDS - (Math.floor(nowMs / 1000) % TOTP_STEP_SECONDS)
}

/**
 * The step `code` belongs to, within {@link TOTP_WINDOW} steps of now and after `lastUsedStep`, or undefined.
 * A step at or before the last one used is never accepted, so a code works once, even within its window
 * (RFC 6238 5.2). Every candidate is compared, in constant time, whatever matched before.
 */
export function matchTotp(
  secret: string,
  code: string,
  nowMs: number,
  lastUsedStep: number,
): number | undefined {
  const key = base32Decode(secret)
  const now = totpStep(nowMs)
  let matched: number | undefined
  for (let step = now - TOTP_WINDOW; step <= now + TOTP_WINDOW; step += 1) {
    if (constantTimeEqual(hotp(key, step), code) && step > lastUsedStep && matched === undefined)
      matched = step
  }
  return matched
}
