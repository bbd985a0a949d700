import { inputError, type InputErrorCode } from '../core/errors'

/**
 * Parses an absolute URL, or refuses it with `code`, naming `field` with `rule`.
 *
 * @throws WebAuthError with `code` and `field`, the parse failure as `cause`
 */
export function parseUrl(
  value: string,
  code: InputErrorCode,
  field: string,
  rule = 'must be an absolute URL',
): URL {
  try {
    return new URL(value)
  } catch (cause) {
    throw inputError(code, field, rule, cause)
  }
}

/**
 * Checks a redirect URI: an absolute http(s) URL without a fragment (RFC 6749, 3.1.2).
 * `javascript:` and other schemes are refused wherever the URI comes from.
 *
 * @throws WebAuthError with `code`, naming `field`
 */
export function checkRedirectUri(value: string, code: InputErrorCode, field: string): string {
  const url = parseUrl(value, code, field)
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    throw inputError(code, field, 'must be an http(s) URL')
  if (value.includes('#')) throw inputError(code, field, 'must not have a fragment')
  return value
}
