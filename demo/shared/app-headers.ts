/**
 * The headers of every answer of the two demo apps, the SPA's static server and the confidential app: a strict
 * CSP that lets a page load only its own files and call only the tenant (S13), no referrer, no sniffing, and
 * no caching, since their addresses and forms carry authorization codes and session state.
 */
import { contentSecurityPolicy } from './csp'

/**
 * A function that answers the headers for a content type, for an app whose pages call `tenantOrigins`.
 *
 * @example
 * const headersFor = demoAppHeaders(['http://127.0.0.1:4400'])
 * response.writeHead(200, headersFor('text/html; charset=utf-8'))
 */
export function demoAppHeaders(
  tenantOrigins: readonly string[],
): (contentType: string) => Record<string, string> {
  const policy = contentSecurityPolicy({
    'default-src': ["'none'"],
    'script-src': ["'self'"],
    'style-src': ["'self'"],
    'connect-src': tenantOrigins,
    'img-src': ["'self'"],
    'form-action': ["'self'"],
    'base-uri': ["'none'"],
    'frame-ancestors': ["'none'"],
  })
  return (contentType) => ({
    'Content-Type': contentType,
    'Content-Security-Policy': policy,
    'Referrer-Policy': 'no-referrer',
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  })
}
