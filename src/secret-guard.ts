import { WebAuthError } from './errors'

// Compared after lower-casing and dropping everything but letters and digits, so
// `client_secret`, `clientSecret`, `CLIENT-SECRET` and `client secret` all match.
const confidentialKeys = new Set(['clientsecret', 'clientassertion', 'clientassertiontype'])

// Headers that carry a confidential credential (HTTP Basic client authentication).
const confidentialHeaders = new Set(['authorization'])

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '')
}

function refuse(key: string, path: string): never {
  throw new WebAuthError(
    'client_secret_in_browser',
    `"${key}" (at ${path}) is a confidential credential and is never sent from a browser. ` +
      'Call /passwordless/start from your backend with it, or, on a Universal Login page, forward config.internalOptions.',
  )
}

function entriesOf(value: object): Iterable<[string, unknown]> {
  if (value instanceof Map) return value.entries() as Iterable<[string, unknown]>
  if (typeof Headers !== 'undefined' && value instanceof Headers) return value.entries()
  if (typeof URLSearchParams !== 'undefined' && value instanceof URLSearchParams) return value.entries()
  return Object.entries(value)
}

function isScannable(value: unknown): value is object {
  if (typeof value !== 'object' || value === null) return false
  if (Array.isArray(value) || value instanceof Map) return true
  if (typeof Headers !== 'undefined' && value instanceof Headers) return true
  if (typeof URLSearchParams !== 'undefined' && value instanceof URLSearchParams) return true
  const prototype = Object.getPrototypeOf(value) as unknown
  // Plain objects only: an AbortSignal or a DOM node is not options data.
  return prototype === Object.prototype || prototype === null
}

/**
 * Refuses a confidential credential anywhere inside `value`: any key spelled like
 * `client_secret`, `client_assertion` or `client_assertion_type`, at any depth, in
 * objects, arrays, maps, `Headers` and `URLSearchParams`.
 *
 * @throws WebAuthError `client_secret_in_browser`, naming the key and where it was found.
 */
export function assertNoConfidentialCredentials(value: unknown, path: string): void {
  const seen = new WeakSet<object>()
  const visit = (node: unknown, at: string): void => {
    if (!isScannable(node) || seen.has(node)) return
    seen.add(node)
    for (const [key, child] of entriesOf(node)) {
      if (confidentialKeys.has(normalizeKey(key))) refuse(key, at)
      visit(child, `${at}.${key}`)
    }
  }
  visit(value, path)
}

/**
 * Refuses custom headers that carry a credential (`Authorization`, which is how HTTP
 * Basic client authentication sends a secret) or a key spelled like a secret.
 *
 * @throws WebAuthError `client_secret_in_browser`
 */
export function assertNoConfidentialHeaders(headers: Record<string, string>, path: string): void {
  assertNoConfidentialCredentials(headers, path)
  for (const name of Object.keys(headers)) {
    if (confidentialHeaders.has(name.toLowerCase())) refuse(name, path)
  }
}
