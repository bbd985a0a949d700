import { WebAuthError } from './errors'

// Compared after lower-casing and dropping everything but letters and digits, so
// `client_secret`, `clientSecret`, `CLIENT-SECRET` and `client secret` all match.
const confidentialKeys = /* @__PURE__ */ new Set(['clientsecret', 'clientassertion', 'clientassertiontype'])

// Headers that carry a confidential credential (HTTP Basic client authentication).
const confidentialHeaders = /* @__PURE__ */ new Set(['authorization'])

function normalizeKey(key: string): string {
  return key.toLowerCase().replace(/[^a-z0-9]/g, '')
}

function refuse(key: string, path: string): never {
  throw new WebAuthError(
    'client_secret_in_browser',
    `"${key}" (in ${path}) is a secret: use it from your backend only.`,
  )
}

// Maps, `Headers`, `URLSearchParams` and `FormData` hold their pairs out of sight of
// Object.entries. Recognised by their tag rather than `instanceof`, so that one built in
// another realm (an iframe, a popup) is read too.
const keyedCollection = /^\[object (Map|Headers|URLSearchParams|FormData)\]$/

function entriesOf(value: object): Iterable<[unknown, unknown]> {
  return keyedCollection.test(Object.prototype.toString.call(value))
    ? (value as Map<unknown, unknown>).entries()
    : Object.entries(value)
}

/**
 * Refuses a confidential credential anywhere inside `value`: any key spelled like
 * `client_secret`, `client_assertion` or `client_assertion_type`, at any depth, in
 * objects of any prototype or realm, arrays, maps, `Headers`, `URLSearchParams` and `FormData`.
 *
 * @throws WebAuthError `client_secret_in_browser`, naming the key and where it was found.
 */
export function assertNoConfidentialCredentials(value: unknown, path: string): void {
  const seen = new WeakSet<object>()
  const visit = (node: unknown, at: string): void => {
    // Every object is read, whatever its prototype or realm: a secret is refused wherever it
    // hides. Functions are not data and are skipped.
    if (typeof node !== 'object' || node === null || seen.has(node)) return
    seen.add(node)
    for (const [entryKey, child] of entriesOf(node)) {
      const key = String(entryKey)
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
