import { base64UrlEncode } from './encoding'

/** `byteCount` bytes from the platform's CSPRNG, as base64url (32 bytes give 256 bits). */
export function randomToken(byteCount = 32): string {
  return base64UrlEncode(crypto.getRandomValues(new Uint8Array(byteCount)))
}
