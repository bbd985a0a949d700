import { unsupportedEnvironment } from './errors'

/**
 * WebCrypto, for PKCE and ID token signatures. Browsers offer it only in secure contexts: a page on plain
 * http other than localhost has no `crypto.subtle`.
 *
 * @throws WebAuthError `unsupported_environment` when it is missing
 */
export function subtleCrypto(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle
  if (!subtle) throw unsupportedEnvironment('crypto.subtle', 'serve the page over https or localhost')
  return subtle
}
