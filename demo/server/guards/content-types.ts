/**
 * The body types each route accepts: JSON everywhere, and a form (`application/x-www-form-urlencoded`) where a
 * tenant takes one, judged per endpoint from what Auth0's own clients send (docs/emulator.md, "Choices where
 * Auth0's documentation is silent"):
 * - `/oauth/token`: RFC 6749 asks for forms there, and node-auth0 sends one;
 * - `/passwordless/start` and `/passwordless/verify`: auth0.js 7 posted both as forms (reqwest's default body);
 * - `/passwordless/verify_redirect`: the link confirmation page posts its form there.
 * `/co/authenticate` (only ever called with JSON, by auth0.js 8 and later) and the emulator's own routes take
 * JSON only.
 *
 * Anything else is refused with 415, as Auth0's hapi-based APIs answer an unsupported media type, instead of
 * being read as JSON: `text/plain` (or a body with no type) is what a page of another origin can POST
 * without a CORS preflight, and JSON read from it would reach `/co/authenticate` unasked. A form is just as
 * simple a request; what keeps it harmless where forms are taken is in E19. An empty body passes whatever
 * its type, as `POST /__emulator/reset` sends.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http'
import { Problem } from '../problem'

const JSON_TYPE = 'application/json'
const FORM_TYPE = 'application/x-www-form-urlencoded'
/** Routes that also take a form body. */
const FORM_ROUTES: ReadonlySet<string> = new Set([
  '/oauth/token',
  '/passwordless/start',
  '/passwordless/verify',
  '/passwordless/verify_redirect',
])
const BODILESS_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

/** The media type of a Content-Type header, without parameters, in lower case; '' when there is none. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]?.trim().toLowerCase() ?? ''
}

export const acceptBodyTypes: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (BODILESS_METHODS.has(c.req.method)) return next()
  const accepted = FORM_ROUTES.has(c.req.path) ? [JSON_TYPE, FORM_TYPE] : [JSON_TYPE]
  const type = mediaType(c.req.header('content-type'))
  if (accepted.includes(type)) return next()
  // Read (within the body limit, which runs first) only to learn whether there is a body at all; the text is
  // kept by the request, so a route reading it again gets the same.
  if ((await c.req.text()) === '') return next()
  throw new Problem(
    415,
    'invalid_request',
    `Unsupported Media Type: ${type === '' ? 'a body without Content-Type' : type}. ` +
      `${c.req.path} accepts ${accepted.join(' or ')}.`,
  )
}
