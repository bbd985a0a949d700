/**
 * Content-Security-Policy values for the emulator's pages and the demo apps (S13, E13). Each page keeps its
 * own directives; this only writes them the one way, so that a policy reads as a list of what it allows.
 */

/** The directives the demo pages set. A page that sets no `default-src` would allow everything it omits. */
export type CspDirective =
  | 'default-src'
  | 'script-src'
  | 'style-src'
  | 'img-src'
  | 'connect-src'
  | 'form-action'
  | 'frame-ancestors'
  | 'base-uri'

/** A policy: each directive with its sources, written in the order given. */
export type CspDirectives = { 'default-src': readonly string[] } & Partial<
  Record<CspDirective, readonly string[]>
>

/**
 * The header value of a policy.
 *
 * @example
 * contentSecurityPolicy({ 'default-src': ["'none'"], 'script-src': ["'self'"] })
 * // "default-src 'none'; script-src 'self'"
 */
export function contentSecurityPolicy(directives: CspDirectives): string {
  return Object.entries(directives)
    .map(([name, sources]) => [name, ...(sources as readonly string[])].join(' '))
    .join('; ')
}
