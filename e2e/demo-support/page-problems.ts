/**
 * A `test` whose pages are watched for what a demo page must never produce: a Content-Security-Policy
 * violation, an uncaught error, an unhandled rejection, or a console error. The listeners are installed by
 * an init script (Playwright injects it outside the page's CSP) and report through an exposed binding, so
 * they survive every navigation of a flow. A test that expects the browser to log failed requests (a 4xx
 * from the tenant is logged by Chromium as "Failed to load resource") names their URLs up front.
 */
import { test as base, expect } from '@playwright/test'
import type { ConsoleMessage } from '@playwright/test'

interface Problem {
  kind: 'csp' | 'error' | 'rejection' | 'console'
  text: string
  url: string
}

export interface PageProblems {
  /** Requests whose failure the browser may log, matched by URL. */
  allowFailedRequests(pattern: RegExp): void
  /** Everything reported so far. */
  readonly list: readonly Problem[]
  /** CSP violations so far (also counted in `list`). */
  readonly cspViolations: readonly Problem[]
  /** Forgets what was reported: for a test that provokes a problem on purpose, once it has checked it. */
  clear(): void
}

const BINDING = '__reportDemoProblem'

function watchPage() {
  // Runs in the page: plain browser code only.
  const report = (kind: string, text: string) => {
    const binding = (window as unknown as Record<string, unknown>)['__reportDemoProblem']
    if (typeof binding === 'function')
      void (binding as (k: string, t: string, u: string) => Promise<void>)(kind, text, location.href)
  }
  document.addEventListener('securitypolicyviolation', (event) =>
    report('csp', `${event.violatedDirective} blocked ${event.blockedURI}`),
  )
  window.addEventListener('error', (event) => report('error', String(event.message)))
  window.addEventListener('unhandledrejection', (event) => report('rejection', String(event.reason)))
}

const FAILED_RESOURCE = /^Failed to load resource/
/**
 * Chromium asks every origin for /favicon.ico by itself; the emulator has none and answers 404. That request
 * is the browser's, not the page's, so it is not held against the page.
 */
const BROWSER_OWN_REQUEST = /\/favicon\.ico$/

export const test = base.extend<{ problems: PageProblems }>({
  problems: [
    async ({ page }, use) => {
      const list: Problem[] = []
      const allowed: RegExp[] = []
      await page.exposeBinding(BINDING, (_source, kind: Problem['kind'], text: string, url: string) => {
        list.push({ kind, text, url })
      })
      await page.addInitScript(watchPage)
      page.on('pageerror', (error) => list.push({ kind: 'error', text: error.message, url: page.url() }))
      page.on('console', (message: ConsoleMessage) => {
        if (message.type() !== 'error') return
        const resource = message.location().url
        const isFailedResource = FAILED_RESOURCE.test(message.text())
        if (isFailedResource && [BROWSER_OWN_REQUEST, ...allowed].some((pattern) => pattern.test(resource)))
          return
        list.push({ kind: 'console', text: `${message.text()} (${resource})`, url: page.url() })
      })
      const problems: PageProblems = {
        allowFailedRequests: (pattern) => allowed.push(pattern),
        get list() {
          return list
        },
        get cspViolations() {
          return list.filter((problem) => problem.kind === 'csp')
        },
        clear: () => {
          list.length = 0
        },
      }
      await use(problems)
      // Uncaught errors are reported a tick late; let them arrive before judging.
      await page.waitForTimeout(50).catch(() => undefined)
      expect(list, 'CSP violations, uncaught errors, unhandled rejections or console errors').toEqual([])
    },
    { auto: true },
  ],
})

export { expect }
