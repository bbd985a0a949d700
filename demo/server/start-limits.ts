/**
 * The rate limits of `/passwordless/start` (E5, E21), as Auth0's rate-limit policy and its migration guide for
 * confidential applications describe them:
 * - a start that is not authenticated by the client secret (a browser's: public clients, the hosted page's
 *   forwarded state) is held by the per-IP bucket of "Get Passwordless Code or Link", 50 and 50 an hour;
 * - a start with the correct client secret is "treated as a regular Authenticated API request" under "the
 *   corresponding global Authentication API rate limit": a tenant-wide bucket (300, 300 a minute, the figure
 *   of Auth0's Free plan), not the backend's IP;
 * - with the secret and a trusted `auth0-forwarded-for`, the forwarded address "will be used for rate
 *   limiting": that person's per-IP bucket holds the start too, so a backend cannot be used to flood one
 *   person past the limit a browser would meet.
 *
 * @see https://auth0.com/docs/troubleshoot/customer-support/operational-policies/rate-limit-policy/rate-limit-configurations/free-public
 * @see https://auth0.com/docs/product-lifecycle/deprecations-and-migrations/migrate-to-passwordless
 */
import type { EmulatorContext } from './context'
import type { AppContext } from './http'
import { requestOrigin } from './http'
import { logEntry } from './log-entry'
import { Problem } from './problem'
import type { RateLimitDecision } from './rate-limit'
import type { ClientConfig } from './tenant'

/** The key of the one tenant-wide bucket. */
const TENANT_BUCKET = 'tenant'

const TOO_MANY_REQUESTS =
  'Too many requests. Check the X-RateLimit-Limit, X-RateLimit-Remaining and X-RateLimit-Reset headers.'

/** How the start was made, as far as its limits are concerned. */
export interface StartCaller {
  client: ClientConfig | undefined
  /** The correct client secret was sent. */
  bySecret: boolean
  /** A trusted `auth0-forwarded-for` was honoured (the request's address is now the forwarded one). */
  forwarded: boolean
}

/**
 * Takes one start from each bucket that holds this caller. Every answer says what is left (X-RateLimit-*),
 * as Auth0's do: of the bucket that refused, else of the one with the fewest requests left.
 * @throws Problem 429 `too_many_requests`, with Retry-After, when a bucket is empty (logged as `api_limit`).
 */
export function takeStartTokens(c: AppContext, context: EmulatorContext, caller: StartCaller): void {
  const taken: RateLimitDecision[] = []
  if (caller.bySecret) {
    const decision = context.authenticatedLimiter.take(TENANT_BUCKET)
    taken.push(decision)
    if (!decision.allowed) {
      refuse(c, context, caller.client, decision, 'the global rate limit of the Authentication API')
    }
  }
  if (!caller.bySecret || caller.forwarded) {
    const address = c.get('clientIp')
    const decision = context.limiter.take(address)
    taken.push(decision)
    if (!decision.allowed) refuse(c, context, caller.client, decision, `the limit of ${address}`)
  }
  const tightest = taken.reduce((a, b) => (b.remaining < a.remaining ? b : a))
  setHeaders(c, tightest)
}

function setHeaders(c: AppContext, decision: RateLimitDecision): void {
  c.header('X-RateLimit-Limit', String(decision.limit))
  c.header('X-RateLimit-Remaining', String(decision.remaining))
  c.header('X-RateLimit-Reset', String(decision.reset))
}

function refuse(
  c: AppContext,
  context: EmulatorContext,
  client: ClientConfig | undefined,
  decision: RateLimitDecision,
  bucket: string,
): never {
  setHeaders(c, decision)
  const description = `Rate limit exceeded for /passwordless/start: ${bucket}`
  context.logs.write(logEntry('api_limit', description, requestOrigin(c), { client }))
  throw new Problem(429, 'too_many_requests', TOO_MANY_REQUESTS, {
    headers: { 'Retry-After': String(decision.retryAfter) },
  })
}
