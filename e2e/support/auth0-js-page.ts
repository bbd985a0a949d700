/**
 * A plain page that runs the real auth0.js (its published auth0.min.js), and a way to call it from a test. The
 * demo suite serves the page by routing on the demo SPA's origin (demo-support/auth0-js.tests.ts); the cross-site
 * run from the app's own HTTPS server (cross-site-stack.ts). Both serve the script at /auth0-js/auth0.min.js.
 */
import type { Page } from '@playwright/test'

/** The page: nothing but auth0.min.js, loaded from /auth0-js/auth0.min.js of the page's own origin. */
export const AUTH0_JS_PAGE =
  '<!doctype html><meta charset="utf-8"><title>auth0.js</title><script src="/auth0-js/auth0.min.js"></script>'

/** What auth0.js's callbacks report, made serialisable. */
export type Auth0JsOutcome = { ok: true; value: unknown } | { ok: false; code: string; description: string }

/** The tenant a WebAuth talks to, as an origin with its scheme, and the callback it sends the browser back to. */
export interface Auth0JsClient {
  tenant: string
  callback: string
}

/**
 * Runs `method` of a fresh auth0.js WebAuth (client `spa-demo`) in the page and reports what its callback got.
 * An error is reported as its code and description, whichever of auth0.js's two spellings it came in.
 */
export function callAuth0Js(
  page: Page,
  { tenant, callback }: Auth0JsClient,
  method: 'passwordlessStart' | 'passwordlessLogin' | 'parseHash',
  options: Record<string, unknown>,
): Promise<Auth0JsOutcome> {
  return page.evaluate(
    ({ method, options, tenant, callback }) => {
      const { auth0 } = window as unknown as {
        auth0: { WebAuth: new (options: object) => Record<string, (...args: unknown[]) => void> }
      }
      // The domain carries the tenant's scheme, and the issuer and JWKS are named.
      const webAuth = new auth0.WebAuth({
        domain: tenant,
        clientID: 'spa-demo',
        redirectUri: callback,
        responseType: 'id_token token',
        overrides: { __token_issuer: `${tenant}/`, __jwks_uri: `${tenant}/.well-known/jwks.json` },
      })
      return new Promise<Auth0JsOutcome>((resolve) => {
        const done = (error: Record<string, string> | null, value: unknown) =>
          resolve(
            error
              ? {
                  ok: false,
                  code: error['code'] ?? error['error'] ?? '',
                  description: error['description'] ?? error['errorDescription'] ?? '',
                }
              : { ok: true, value },
          )
        webAuth[method]?.(options, done)
      })
    },
    { method, options, tenant, callback },
  )
}
