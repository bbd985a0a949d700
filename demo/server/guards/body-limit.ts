/**
 * A limit on request bodies, applied before any route reads one: the emulator keeps what it is sent in
 * memory, and without a limit eight starts with a 50 MB field took it from 100 MB to 1.1 GB (and its outbox
 * page to 2.6 GB). A body announced as too large (Content-Length) is refused before it is read; a body sent
 * without a length is counted while it streams and refused as soon as it passes the limit.
 *
 * The answer follows a tenant's: Auth0's Authentication API refuses a body over its limit (1 MiB) with
 * `access_denied` and "Payload content length greater than maximum allowed: 1048576" (reported in
 * auth0/auth0.js#1133), with 413 as the status. The emulator's limit is deliberately smaller: the largest
 * body any of its routes takes is a start with its authParams, a few kilobytes.
 */
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import type { AppEnv } from '../http'
import { Problem } from '../problem'

/** The largest request body accepted, in bytes. */
export const MAX_BODY_BYTES = 64 * 1024

export const limitBodySize: MiddlewareHandler<AppEnv> = bodyLimit({
  maxSize: MAX_BODY_BYTES,
  onError: () => {
    throw new Problem(
      413,
      'access_denied',
      `Payload content length greater than maximum allowed: ${MAX_BODY_BYTES}`,
    )
  },
})
