import { WebAuthError } from './errors'

// The browser facilities some steps use by default. Outside a browser (a test runner, a server, a worker)
// each is missing for a reason the caller can fix, so each absence is its own clear error, raised before
// any request is made, instead of a TypeError surfacing later as `unexpected_error`.

function unsupported(missing: string, remedy: string): never {
  throw new WebAuthError('unsupported_environment', `No ${missing} here: ${remedy}.`)
}

/**
 * The page's address, which the redirect callback reads when no URL is given.
 *
 * @throws WebAuthError `unsupported_environment` outside a page
 */
export function currentUrl(): string {
  if (typeof location === 'undefined') unsupported('location', 'pass the redirect URL')
  return location.href
}

/**
 * The browser's navigation, the default way a login leaves the page.
 *
 * @throws WebAuthError `unsupported_environment` outside a page
 */
export function browserNavigation(): (url: string) => void {
  if (typeof window === 'undefined') unsupported('window', 'pass "navigate"')
  return (url) => window.location.assign(url)
}

/**
 * WebCrypto, for PKCE and ID token signatures. Browsers offer it only in secure contexts: a page on plain
 * http other than localhost has no `crypto.subtle`.
 *
 * @throws WebAuthError `unsupported_environment` when it is missing
 */
export function subtleCrypto(): SubtleCrypto {
  const subtle = globalThis.crypto?.subtle
  if (!subtle) unsupported('crypto.subtle', 'serve the page over https or localhost')
  return subtle
}
