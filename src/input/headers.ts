import type { HeadersOption } from '../api/types'
import { inputError } from '../core/errors'
import { isPlainObject } from '../lib/json'
import { assertNotConfidentialHeader } from './secret-guard'

// RFC 9110: a field name is a token; a value holds no line break or NUL (a newline would start a new
// header, which `fetch` refuses with a TypeError at request time instead of here).
const fieldName = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i
const fieldValue = /^[^\r\n\0]*$/

function invalid(field: string, rule: string): never {
  throw inputError('invalid_options', field, rule)
}

/** Whether `value` is one of the accepted forms, as the input snapshot leaves them. */
export function isHeadersOption(value: unknown): boolean {
  // The snapshot turned a `Headers` or a `Map` (of any realm) into a Map; pairs stay an array.
  return value instanceof Map || Array.isArray(value) || isPlainObject(value)
}

/**
 * Turns the `headers` option, in any accepted form, into one object of lower-case names, checked once:
 * names and values `fetch` would refuse, a name given twice, credentials (`Authorization`, names that
 * spell a secret) and `auth0-forwarded-for` (only a confidential backend may speak for the person's
 * address) are refused here, so every request sends exactly what was checked.
 *
 * @throws WebAuthError `client_secret_in_browser` for a credential; `invalid_options` naming the header
 */
export function normalizeHeaders(headers: HeadersOption): Record<string, string> {
  const normalized = new Map<string, string>()
  const pairs: Iterable<unknown> =
    headers instanceof Map || Array.isArray(headers) ? headers : Object.entries(headers)
  for (const pair of pairs) {
    const [name, value] = Array.isArray(pair) && pair.length === 2 ? pair : []
    if (typeof name !== 'string' || typeof value !== 'string')
      invalid('headers', 'must hold [name, value] strings')
    if (!fieldName.test(name)) invalid('headers', `has an invalid name "${name}"`)
    if (!fieldValue.test(value)) invalid(`headers.${name}`, 'must not contain a line break')
    assertNotConfidentialHeader(name, 'options.headers')
    const key = name.toLowerCase()
    if (key === 'auth0-forwarded-for') invalid('headers', 'must not set auth0-forwarded-for')
    if (normalized.has(key)) invalid(`headers.${name}`, 'is given twice')
    normalized.set(key, value)
  }
  // fromEntries defines own properties: a header named `__proto__` stays a header.
  return Object.fromEntries(normalized)
}
