/**
 * Server-built HTML pages (error pages, the link confirmation page, the outbox page) under a strict CSP (E13):
 * no inline script or style, everything escaped here, and a banner saying this is the local emulator (E14).
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status'
import type { AppContext } from './http'

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for an HTML element or a double- or single-quoted attribute. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char)
}

/** HTML that is already escaped, so `page()` does not escape it twice. */
export interface SafeHtml {
  readonly html: string
}

/** Tagged template that escapes every interpolated value unless it is SafeHtml (or an array of them). */
export function html(strings: TemplateStringsArray, ...values: unknown[]): SafeHtml {
  let out = strings[0] ?? ''
  values.forEach((value, index) => {
    out += render(value) + (strings[index + 1] ?? '')
  })
  return { html: out }
}

function render(value: unknown): string {
  if (Array.isArray(value)) return value.map(render).join('')
  if (typeof value === 'object' && value !== null && 'html' in value) return String((value as SafeHtml).html)
  return escapeHtml(String(value ?? ''))
}

/**
 * The page CSP. `formActions` lists extra origins a form may reach: Chromium applies `form-action` to the
 * redirects that follow a submission, so the link confirmation form must allow the app's callback origin.
 */
export function contentSecurityPolicy(formActions: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    `form-action 'self'${formActions.map((origin) => ` ${origin}`).join('')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ')
}

export interface PageOptions {
  title: string
  body: SafeHtml
  status?: ContentfulStatusCode
  formActions?: readonly string[]
}

/** A complete page with the emulator banner, served with the strict CSP. */
export function page(c: AppContext, options: PageOptions): Response {
  c.header('Content-Security-Policy', contentSecurityPolicy(options.formActions))
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
