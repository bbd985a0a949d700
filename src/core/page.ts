import { removeCallbackParams } from '../input/callback-params'
import { inputError, unsupportedEnvironment } from './errors'

// The page the SDK runs in: its address, its navigation and its address bar. The only module besides the
// transaction store (sessionStorage) that reads browser globals, so that code shared with a server stays
// clear of them.
//
// Outside a browser (a test runner, a server, a worker) each facility is missing for a reason the caller
// can fix, so each absence is its own clear error.

/**
 * The page's address, which the redirect callback reads when no URL is given.
 *
 * @throws WebAuthError `unsupported_environment` outside a page
 */
export function currentUrl(): string {
  if (typeof location === 'undefined') throw unsupportedEnvironment('location', 'pass the redirect URL')
  return location.href
}

/**
 * The browser's navigation, the default way a login leaves the page.
 *
 * @throws WebAuthError `unsupported_environment` outside a page
 */
export function browserNavigation(): (url: string) => void {
  if (typeof window === 'undefined') throw unsupportedEnvironment('window', 'pass "navigate"')
  return (url) => window.location.assign(url)
}

/**
 * The page's origin and path, the redirect URI when none is configured.
 *
 * @throws WebAuthError `invalid_options` outside a page
 */
export function pageRedirectUri(): string {
  if (typeof location === 'undefined') {
    throw inputError('invalid_options', 'redirectUri', 'is required')
  }
  return location.origin + location.pathname
}

/** Whether the page is served from `host` (the tenant's hosted login page is served from the tenant). */
export function isPageOnHost(host: string): boolean {
  return typeof location !== 'undefined' && location.host === host
}

/** Replaces the address bar's URL with one without the redirect's parameters, if it is the page's URL. */
export function cleanAddressBar(url: string): void {
  if (typeof location === 'undefined' || typeof history === 'undefined' || url !== location.href) return
  const cleaned = removeCallbackParams(url)
  if (cleaned !== url) history.replaceState(history.state, '', cleaned)
}
