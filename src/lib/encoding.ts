/** Encodes bytes as base64url without padding (RFC 4648, 5). */
export function base64UrlEncode(bytes: Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')
}

/**
 * Decodes base64 or base64url text (padding optional) into bytes.
 *
 * @throws DOMException when the text is not base64
 */
export function base64Decode(text: string): Uint8Array {
  const standard = text.replace(/-/g, '+').replace(/_/g, '/')
  const binary = atob(standard + '='.repeat((4 - (standard.length % 4)) % 4))
  return Uint8Array.from(binary, (char) => char.charCodeAt(0))
}

/** Decodes base64 or base64url text holding UTF-8. */
export function base64DecodeUtf8(text: string): string {
  return new TextDecoder('utf-8', { fatal: true }).decode(base64Decode(text))
}

/** Encodes text as UTF-8 then base64url. */
export function base64UrlEncodeUtf8(text: string): string {
  return base64UrlEncode(new TextEncoder().encode(text))
}
