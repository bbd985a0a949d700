/**
 * Just enough ASN.1 DER to write an X.509 certificate (ITU-T X.690): Node's crypto signs and exports keys but
 * has no way to build a certificate, and the emulator must not need `openssl` on the machine (Windows has
 * none) nor a new dependency for the hundred lines below. Every function returns one complete element.
 */

/** An element: tag, length, contents. */
export function element(tag: number, contents: Uint8Array): Uint8Array {
  return Buffer.concat([Uint8Array.of(tag), encodeLength(contents.length), contents])
}

function encodeLength(length: number): Uint8Array {
  if (length < 0x80) return Uint8Array.of(length)
  const bytes: number[] = []
  for (let rest = length; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256)
  return Uint8Array.of(0x80 | bytes.length, ...bytes)
}

export function sequence(...items: Uint8Array[]): Uint8Array {
  return element(0x30, Buffer.concat(items))
}

export function set(...items: Uint8Array[]): Uint8Array {
  return element(0x31, Buffer.concat(items))
}

/** A non-negative INTEGER from its big-endian bytes (a 0x00 is put first when the top bit is set). */
export function unsignedInteger(bytes: Uint8Array): Uint8Array {
  let start = 0
  while (start < bytes.length - 1 && bytes[start] === 0) start += 1
  const trimmed = bytes.subarray(start)
  const padded = (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Uint8Array.of(0), trimmed]) : trimmed
  return element(0x02, padded)
}

export function smallInteger(value: number): Uint8Array {
  return unsignedInteger(Uint8Array.of(value))
}

export function booleanTrue(): Uint8Array {
  return element(0x01, Uint8Array.of(0xff))
}

/** An OBJECT IDENTIFIER from its dotted form: the first two arcs in one byte, then base 128. */
export function objectIdentifier(dotted: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number)
  const bytes = [40 * first + second]
  for (const arc of rest) {
    const digits = [arc & 0x7f]
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) {
      digits.unshift((value & 0x7f) | 0x80)
    }
    bytes.push(...digits)
  }
  return element(0x06, Uint8Array.from(bytes))
}

export function utf8String(text: string): Uint8Array {
  return element(0x0c, Buffer.from(text, 'utf8'))
}

export function octetString(contents: Uint8Array): Uint8Array {
  return element(0x04, contents)
}

/** A BIT STRING of whole bytes, or of `unusedBits` fewer bits at the end of the last byte. */
export function bitString(contents: Uint8Array, unusedBits = 0): Uint8Array {
  return element(0x03, Buffer.concat([Uint8Array.of(unusedBits), contents]))
}

/**
 * RFC 5280 4.1.2.5: UTCTime (YYMMDDHHMMSSZ) through 2049, GeneralizedTime (YYYYMMDDHHMMSSZ) from 2050 on.
 */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString() // 2030-01-01T12:00:00.000Z
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '')
  return date.getUTCFullYear() < 2050
    ? element(0x17, Buffer.from(`${digits.slice(2)}Z`, 'ascii'))
    : element(0x18, Buffer.from(`${digits}Z`, 'ascii'))
}

/** `[n] EXPLICIT`: a constructed context-specific element wrapping `inner`. */
export function explicit(tagNumber: number, inner: Uint8Array): Uint8Array {
  return element(0xa0 | tagNumber, inner)
}

/** `[n] IMPLICIT` of a primitive type: the context-specific tag replaces the type's own. */
export function implicitPrimitive(tagNumber: number, contents: Uint8Array): Uint8Array {
  return element(0x80 | tagNumber, contents)
}
