/**
 * The emulator's one way to refuse a request: throw a `Problem`, or `assert` a condition, from a route or any
 * module it calls. Every refusal is then answered in one place (refusals.ts, called by app.ts's `onError`),
 * so a handler reads as the list of its checks, and no module returns a refusal for its caller to pass on.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'

export interface ProblemOptions {
  /** Members after `error` and `error_description` in the JSON body, as Auth0's `mfa_token` of `mfa_required`. */
  extras?: Record<string, unknown>
  /** Headers the refusal needs, such as `Retry-After` on a 429. */
  headers?: Record<string, string>
}

/** A refusal in Auth0's terms: the status, the `error` code and the `error_description` of its JSON body. */
export class Problem extends Error {
  override readonly name: string = 'Problem'
  readonly extras: Readonly<Record<string, unknown>>
  readonly headers: Readonly<Record<string, string>>

  constructor(
    readonly status: ContentfulStatusCode,
    readonly error: string,
    readonly description: string,
    options: ProblemOptions = {},
  ) {
    super(`${error}: ${description}`)
    this.extras = options.extras ?? {}
    this.headers = options.headers ?? {}
  }
}

/**
 * Refuses the request unless `condition` holds; after it, TypeScript knows that it does.
 *
 * @throws Problem with these fields when `condition` is falsy.
 * @example
 * assert(client !== undefined, 401, 'invalid_client', `Unknown client: ${clientId}`)
 */
export function assert(
  condition: unknown,
  status: ContentfulStatusCode,
  error: string,
  description: string,
  options?: ProblemOptions,
): asserts condition {
  if (!condition) throw new Problem(status, error, description, options)
}
