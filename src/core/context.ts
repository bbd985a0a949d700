import type { JwksCache } from '../token/jwks'
import { createHttpClient, type HttpClient } from './http'
import { resolveOptions, type ResolvedOptions } from './options'
import { isPageOnHost } from './page'
import { createTransactionStore, type TransactionStore } from './transactions'

/** Everything an operation needs: validated options and the tenant's services. Internal. */
export interface Context {
  options: ResolvedOptions
  http: HttpClient
  transactions: TransactionStore
  /** The tenant's signing keys, made when the first ID token is checked. */
  jwks?: JwksCache
  now: () => number
}

/**
 * Validates options and builds the services of one tenant.
 *
 * @throws WebAuthError `client_secret_in_browser` or `invalid_options`
 */
export function createContext(options: unknown): Context {
  const resolved = resolveOptions(options)
  const http = createHttpClient(resolved)
  return {
    options: resolved,
    http,
    transactions: createTransactionStore(),
    now: Date.now,
  }
}

/** Whether this page is the tenant's hosted login page, which verifies through `/passwordless/verify`. */
export function isHostedPage(context: Context): boolean {
  if (context.options.hostedPage !== undefined) return context.options.hostedPage
  return isPageOnHost(context.options.host)
}
