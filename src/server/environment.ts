import { sdkError } from '../core/errors'

/**
 * Refuses to run in a web page (a `window` with a `document`): the server entry holds a client secret, and a
 * secret bundled into a page is a secret published. Deno's `window` has no `document`, so Deno passes, as do
 * Node, Bun and workers. Called when the entry is loaded and again when a client is made, so that a bundler
 * that drops the first call still cannot let a page make a client.
 *
 * @throws WebAuthError `unsupported_environment`
 */
export function assertNotInPage(): void {
  // `typeof` reads a global that may not exist without a ReferenceError.
  if (typeof window === 'object' && window !== null && typeof document !== 'undefined') {
    throw sdkError(
      'unsupported_environment',
      'passwordless-webauth/server runs on a backend only: it holds a client secret, which must never reach a page. In the browser, use passwordless-webauth.',
    )
  }
}
