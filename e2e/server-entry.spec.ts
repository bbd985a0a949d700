import { expect, test } from '@playwright/test'
import { buildApp } from '../bench/lib/bundles'
import { APP_ORIGIN, TENANT, reportedProblems, serveApp } from './support/bundled-app'

// S15: the server entry in a web page, bundled into the page's script as a bundler would do it, fails at once
// and loudly (an uncaught error that says why), before the page can make a client or send anything.

test('importing the server entry in a page throws unsupported_environment and sends no request (S15)', async ({
  page,
}) => {
  const { code } = await buildApp('e2e/fixtures/server-in-page.js')
  const tenantRequests: string[] = []
  await page.route(`${TENANT}/**`, (route) => {
    tenantRequests.push(route.request().url())
    return route.fulfill({ status: 599, body: 'no request was expected' })
  })
  await serveApp(page, code)
  const errors: string[] = []
  page.on('pageerror', (error) => errors.push(error.message))

  await page.goto(`${APP_ORIGIN}/`)
  await expect.poll(() => errors.length).toBeGreaterThan(0)

  expect(errors).toEqual([expect.stringContaining('passwordless-webauth/server runs on a backend only')])
  expect(await reportedProblems(page)).toEqual([expect.stringMatching(/^error .*runs on a backend only/)])
  expect(await page.evaluate(() => 'serverClientMade' in window)).toBe(false)
  expect(tenantRequests).toEqual([])
})
