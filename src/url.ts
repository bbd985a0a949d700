import { WebAuthError, type SdkErrorCode } from './errors'

/**
 * Parses an absolute URL, or refuses it with `code` and `message` (which names the field).
 *
 * @throws WebAuthError with `code`, the parse failure as `cause`
 */
export function parseUrl(value: string, code: SdkErrorCode, message: string): URL {
  try {
    return new URL(value)
  } catch (cause) {
    throw new WebAuthError(code, message, { cause })
  }
}
