import { sdkError, type InputErrorCode } from '../core/errors'

/**
 * Parses an absolute URL, or refuses it with `code` and `message` (which names the field).
 *
 * @throws WebAuthError with `code`, the parse failure as `cause`
 */
export function parseUrl(value: string, code: InputErrorCode, message: string): URL {
  try {
    return new URL(value)
  } catch (cause) {
    throw sdkError(code, message, { cause })
  }
}

/**
 * Checks a redirect URI: an absolute http(s) URL without a fragment (RFC 6749, 3.1.2).
 * `javascript:` and other schemes are refused wherever the URI comes from.
 *
 * @throws WebAuthError with `code`, naming `field`
 */
export function checkRedirectUri(value: string, code: InputErrorCode, field: string): string {
  const url = parseUrl(value, code, `"${field}" must be an absolute URL`)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw sdkError(code, `"${field}" must be an http(s) URL`)
  }
  if (value.includes('#')) throw sdkError(code, `"${field}" must not have a fragment`)
  return value
}
