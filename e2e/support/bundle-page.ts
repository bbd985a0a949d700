import { readFileSync } from 'node:fs'
import type { Page, Request } from '@playwright/test'
import { readRequestBody } from './request-body'

/** The test origin: the page and the tenant share it, so no CORS is involved. */
export const ORIGIN = 'http://localhost:4410'

/** The policy every test page is served with (S13): no inline script, no eval. */
export const STRICT_CSP =
  "default-src 'none'; script-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

const files: Record<string, { path: string; type: string }> = {
  '/sdk/passwordless-webauth.umd.min.js': {
    path: 'dist/passwordless-webauth.umd.min.js',
    type: 'text/javascript',
  },
  '/sdk/passwordless-webauth.umd.cjs': { path: 'dist/passwordless-webauth.umd.cjs', type: 'text/javascript' },
  '/harness.js': { path: 'e2e/fixtures/harness.js', type: 'text/javascript' },
}

// An inline script that must NOT run: proof that the policy is enforced and that the
// violation listener works. It is the one violation each page is expected to report.
const canary = '<script>window.inlineScriptRan = true</script>'

function pageHtml(bundle: string): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>bundle test</title>
<script src="/harness.js"></script>${canary}<script src="/sdk/${bundle}"></script></head><body></body></html>`
}

/** A recorded API request. */
export interface ApiCall {
  method: string
  path: string
  url: URL
  headers: Record<string, string>
  /** The parsed JSON body, or a form body's fields as an object. */
  body: unknown
}

type ApiHandler = (call: ApiCall) => {
  status?: number
  headers?: Record<string, string>
  body?: string | object
}

/**
 * Serves the built bundle on a page under a strict CSP, and answers API calls with
 * `handlers` keyed by path; any other API call fails the test through `unexpected`.
 */
export async function openBundlePage(
  page: Page,
  handlers: Record<string, ApiHandler>,
  bundle = 'passwordless-webauth.umd.min.js',
) {
  const calls: ApiCall[] = []
  const unexpected: string[] = []
  await page.route(`${ORIGIN}/**`, async (route) => {
    const request: Request = route.request()
    const url = new URL(request.url())
    const file = files[url.pathname]
    if (file) {
      return route.fulfill({ status: 200, contentType: file.type, body: readFileSync(file.path) })
    }
    // Pages: the app, its callback, and the end of the hosted-page login (where the tenant would redirect).
    if (['/', '/callback', '/passwordless/verify_redirect'].includes(url.pathname)) {
      return route.fulfill({
        status: 200,
        contentType: 'text/html',
        headers: { 'Content-Security-Policy': STRICT_CSP },
        body: pageHtml(bundle),
      })
    }
    const headers = await request.allHeaders()
    const call: ApiCall = {
      method: request.method(),
      path: url.pathname,
      url,
      headers,
      body: readRequestBody(request),
    }
    calls.push(call)
    const handler = handlers[url.pathname]
    if (!handler) {
      unexpected.push(`${call.method} ${call.path}`)
      return route.fulfill({ status: 599, body: 'unexpected request' })
    }
    const answer = handler(call)
    const body = typeof answer.body === 'string' ? answer.body : JSON.stringify(answer.body ?? {})
    return route.fulfill({
      status: answer.status ?? 200,
      headers: { 'content-type': 'application/json', ...answer.headers },
      body,
    })
  })
  await page.goto(`${ORIGIN}/`)
  return { calls, unexpected }
}

/** What the page reported; the canary's blocked inline script is the only allowed violation. */
export async function reportedProblems(page: Page) {
  const reported = await page.evaluate(
    () =>
      (
        window as unknown as {
          reported: { cspViolations: { blocked: string }[]; errors: string[]; rejections: string[] }
        }
      ).reported,
  )
  const violations = reported.cspViolations.filter((violation) => violation.blocked !== 'inline')
  return {
    violations,
    errors: reported.errors,
    rejections: reported.rejections,
    canaryViolations: reported.cspViolations.length - violations.length,
  }
}
