import { sdkError } from './errors'

/**
 * WebCrypto, for PKCE and ID token signatures. Browsers offer it only in secure contexts: a page on plain
 * http other than localhost has no `crypto.subtle`. Missing, it is a clear error raised before any request
 * instead of a TypeError surfacing later as `unexpected_error`.
 *
 * @throws WebAuthError `unsupported_environment` when it is missing
 */
export function subtleCrypto(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle
  if (!subtle)
    throw sdkError(
      'unsupported_environment',
      'No crypto.subtle here: serve the page over https or localhost.',
    )
  return subtle
}
