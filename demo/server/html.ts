/**
 * The emulator's server-built pages (error pages, the link confirmation page, the outbox page) under a strict
 * CSP (E13): no inline script or style, every value escaped by `html`, and a banner saying this is the local
 * emulator (E14).
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import { contentSecurityPolicy } from '../shared/csp'
import { html } from '../shared/html'
import type { SafeHtml } from '../shared/html'
import type { AppContext } from './http'

/**
 * The CSP of the emulator's pages, the hosted login page included. `formActions` lists extra origins a form
 * may reach: Chromium applies `form-action` to the redirects that follow a submission, so the link
 * confirmation form must allow the app's callback origin. `scriptNonce`, the hosted login page's, lets the
 * scripts that carry it run besides its own: the captcha widget the SDK loads from its provider (E31).
 */
export function pageContentSecurityPolicy(formActions: readonly string[] = [], scriptNonce?: string): string {
  return contentSecurityPolicy({
    'default-src': ["'none'"],
    'script-src': ["'self'", ...(scriptNonce ? [`'nonce-${scriptNonce}'`] : [])],
    'style-src': ["'self'"],
    'img-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'form-action': ["'self'", ...formActions],
    'frame-ancestors': ["'none'"],
    'base-uri': ["'none'"],
  })
}

export interface PageOptions {
  title: string
  body: SafeHtml
  status?: ContentfulStatusCode
  formActions?: readonly string[]
}

/** A complete page with the emulator banner, served with the strict CSP. */
export function page(c: AppContext, options: PageOptions): Response {
  c.header('Content-Security-Policy', pageContentSecurityPolicy(options.formActions))
  const document = html`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${options.title} · Auth0 emulator</title>
        <link rel="stylesheet" href="/universal-login/style.css" />
      </head>
      <body>
        <p class="emulator-banner" role="note">
          Local Auth0 emulator (passwordless-webauth) for development and tests. Not a production service.
        </p>
        <main>
          <h1>${options.title}</h1>
          ${options.body}
        </main>
      </body>
    </html> `
  return c.html(document.html, options.status ?? 200)
}

/** An error page shown instead of a redirect (E10: never redirect to an unregistered address). */
export function errorPage(
  c: AppContext,
  status: ContentfulStatusCode,
  error: string,
  description: string,
): Response {
  return page(c, {
    title: 'Something went wrong',
    status,
    body: html`<p class="error-code">${error}</p>
      <p class="error-description">${description}</p>`,
  })
}
