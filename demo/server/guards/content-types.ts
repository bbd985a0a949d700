/**
 * The body types each route accepts. JSON everywhere, as a tenant's Authentication API takes it; a form
 * (`application/x-www-form-urlencoded`) only where a tenant takes one: `/oauth/token` (RFC 6749 asks for
 * forms there) and `/passwordless/verify_redirect` (the link confirmation page posts its form there).
 *
 * Anything else is refused with 415, as Auth0's hapi-based APIs answer an unsupported media type, instead of
 * being read as JSON: `text/plain` (or a body with no type) is what a page of another origin can POST
 * without a CORS preflight, so reading it as JSON let any web page call `/passwordless/start` or
 * `/co/authenticate` unasked. An empty body passes whatever its type, as `POST /__emulator/reset` sends.
 */
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from '../http'
import { Problem } from '../problem'

const JSON_TYPE = 'application/json'
const FORM_TYPE = 'application/x-www-form-urlencoded'
/** Routes that also take a form body. */
const FORM_ROUTES = new Set(['/oauth/token', '/passwordless/verify_redirect'])
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
