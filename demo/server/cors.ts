/**
 * CORS (E10): only the origins registered as a client's web origins get an answer, credentials only on
 * `/co/authenticate` (the one endpoint where Auth0 sets a session cookie cross-origin), and the rate-limit
 * headers exposed so that the SDK can read them.
 */
import type { AppContext } from './http'
import type { EmulatorContext } from './context'
import { isRegisteredWebOrigin } from './tenant'
import type { ClientConfig } from './tenant'

export const ALLOWED_HEADERS = 'Content-Type, Auth0-Client'
export const EXPOSED_HEADERS = 'X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Reset, Retry-After'
const PREFLIGHT_MAX_AGE_SECONDS = '600'

export interface CorsOptions {
  credentials: boolean
  methods: string
}

/**
 * Answers a preflight. The body (and so the client id) is not known yet, so any client's registered origin
 * passes here; the actual response then answers only the origins of the client it names.
 */
export function answerPreflight(c: AppContext, context: EmulatorContext, options: CorsOptions): Response {
  const origin = c.req.header('origin')
  c.header('Vary', 'Origin')
  const registered = context.tenant.clients.some((client) => isRegisteredWebOrigin(client, origin))
  if (origin === undefined || !registered) return c.body(null, 403)
  c.header('Access-Control-Allow-Origin', origin)
  c.header('Access-Control-Allow-Methods', options.methods)
  c.header('Access-Control-Allow-Headers', ALLOWED_HEADERS)
  c.header('Access-Control-Max-Age', PREFLIGHT_MAX_AGE_SECONDS)
  if (options.credentials) c.header('Access-Control-Allow-Credentials', 'true')
  return c.body(null, 204)
}

/** Adds the CORS headers to an actual response when its Origin is registered for this client. */
export function applyCors(
  c: AppContext,
  client: ClientConfig | undefined,
  options: { credentials: boolean },
): void {
  c.header('Vary', 'Origin')
  const origin = c.req.header('origin')
  if (client === undefined || !isRegisteredWebOrigin(client, origin)) return
  c.header('Access-Control-Allow-Origin', origin)
  c.header('Access-Control-Expose-Headers', EXPOSED_HEADERS)
  if (options.credentials) c.header('Access-Control-Allow-Credentials', 'true')
}

/** Whether a cross-origin request comes from an origin the client did not register (no Origin: not cross-origin). */
export function isForeignOrigin(c: AppContext, client: ClientConfig, issuer: string): boolean {
  const origin = c.req.header('origin')
  if (origin === undefined || origin === issuer) return false
  return !isRegisteredWebOrigin(client, origin)
}
