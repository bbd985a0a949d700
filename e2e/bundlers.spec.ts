import { execFileSync } from 'node:child_process'
import { copyFileSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { TraceMap, originalPositionFor, sourceContentFor } from '@jridgewell/trace-mapping'
import { BUNDLERS, buildWith, warningsAbout, type Bundler, type BuiltApp } from '../bench/lib/bundlers'
import { measureBytes } from '../bench/lib/bundles'
import { createConsumer, ROOT, type Consumer } from '../test/support/packed-package'
import {
  APP_ORIGIN,
  CLIENT_ID,
  appState,
  fakeTenant,
  reportedProblems,
  serveApp,
  submit,
} from './support/bundled-app'

// The packed package installed into a new project, and the bench's apps built from it with each common
// bundler as an app would build them for production; each built app then runs in Chromium.

const PACKAGE = 'passwordless-webauth'
const ERROR_CHECK_BUDGET = 1_000
const APPS = {
  errorCheck: 'ours-error-check.js',
  start: 'ours-start.js',
  login: 'ours-login.js',
} as const
type App = keyof typeof APPS

const copyApps = (consumer: Consumer) => {
  for (const file of Object.values(APPS))
    copyFileSync(join(ROOT, 'bench/apps', file), join(consumer.dir, file))
}

let consumer: Consumer
const built = {} as Record<Bundler, Record<App, BuiltApp>>

// One worker builds once and runs the tests in order; a failing test does not skip the others.
test.describe.configure({ mode: 'default', timeout: 60_000 })

test.beforeAll(async () => {
  test.setTimeout(300_000)
  consumer = createConsumer('bundler-apps', { type: 'module' })
  copyApps(consumer)
  for (const bundler of BUNDLERS) {
    built[bundler] = {} as Record<App, BuiltApp>
    for (const [app, file] of Object.entries(APPS) as [App, string][])
      built[bundler][app] = await buildWith(bundler, join(consumer.dir, file))
  }
})

test.afterAll(() => consumer?.remove())

for (const bundler of BUNDLERS) {
  test.describe(bundler, () => {
    test(`builds the apps with no warning about ${PACKAGE}`, () => {
      const warnings = Object.values(built[bundler]).flatMap((app) => app.warnings)
      expect(warningsAbout(PACKAGE, warnings)).toEqual([])
    })

    test(`an app that imports only isWebAuthError stays under ${ERROR_CHECK_BUDGET} bytes gzip`, () => {
      const { gzip } = measureBytes(built[bundler].errorCheck.code)
      expect(gzip, `${bundler}: ${gzip} bytes gzip`).toBeLessThan(ERROR_CHECK_BUDGET)
      // What it must leave out: zod, ky, and the SDK's own schemas.
      expect(built[bundler].errorCheck.code).not.toMatch(/\$Zod|prefixUrl|must be a valid email/)
    })

    test('the start-only app sends a code', async ({ page }) => {
      await serveApp(page, built[bundler].start.code)
      const { calls, unexpected } = await fakeTenant(page)
      await page.goto(`${APP_ORIGIN}/`)
      await submit(page, { email: ' a@example.com ' })
      expect(await appState(page)).toBe('sent')
      expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual(['POST /passwordless/start'])
      expect(calls[0]?.body).toMatchObject({
        client_id: CLIENT_ID,
        connection: 'email',
        send: 'code',
        email: 'a@example.com',
      })
      expect(unexpected).toEqual([])
      expect(await reportedProblems(page)).toEqual([])
    })

    test('the full app sends a code, logs in and completes the callback', async ({ page }) => {
      await serveApp(page, built[bundler].login.code)
      const { calls, unexpected } = await fakeTenant(page, `email|${bundler}`)
      await page.goto(`${APP_ORIGIN}/`)
      await submit(page, { email: 'a@example.com' })
      expect(await appState(page)).toBe('sent')
      await submit(page, { email: 'a@example.com', code: '123456' })
      await page.waitForURL(`${APP_ORIGIN}/callback`, { timeout: 15_000 })
      expect(await appState(page)).toBe(`signed in as email|${bundler}`)
      expect(calls.map((call) => `${call.method} ${call.path}`)).toEqual([
        'POST /passwordless/start',
        'POST /co/authenticate',
        'GET /authorize',
        'POST /oauth/token',
        'GET /.well-known/jwks.json',
      ])
      expect(calls[1]?.body).toMatchObject({ client_id: CLIENT_ID, username: 'a@example.com', otp: '123456' })
      expect(calls[2]?.query).toMatchObject({
        client_id: CLIENT_ID,
        login_ticket: 'ticket-1',
        response_type: 'code',
        redirect_uri: `${APP_ORIGIN}/callback`,
        code_challenge_method: 'S256',
      })
      expect(calls[3]?.body).toMatchObject({ grant_type: 'authorization_code', code: 'code-1' })
      expect(unexpected).toEqual([])
      expect(await reportedProblems(page)).toEqual([])
    })
  })
}

test("webpack with source-map-loader reads the package's maps without a warning and shows its TypeScript", async () => {
  const { code, map, warnings } = await buildWith('webpack', join(consumer.dir, APPS.start), {
    sourceMap: true,
  })
  expect(warnings).toEqual([])
  const appMap = JSON.parse(map ?? '{}') as { sources: string[] }
  const sdkSources = appMap.sources.filter((source) => source.includes(`node_modules/${PACKAGE}/`))
  expect(sdkSources.length).toBeGreaterThan(10)
  for (const source of sdkSources) expect(source).toMatch(/\/src\/([a-z-]+\/)*[a-z-]+\.ts$/)
  // A debugger stopped in the SDK's code shows its TypeScript, line for line.
  const at = code.indexOf('Symbol.for(')
  const before = code.slice(0, at).split('\n')
  const traced = new TraceMap(map ?? '')
  const position = originalPositionFor(traced, {
    line: before.length,
    column: before[before.length - 1]!.length,
  })
  expect(position.source).toMatch(new RegExp(`node_modules/${PACKAGE}/src/core/errors\\.ts$`))
  const shown = sourceContentFor(traced, position.source!)
  expect(shown).toBe(readFileSync(join(ROOT, 'src/core/errors.ts'), 'utf8'))
  expect(shown?.split('\n')[position.line! - 1]).toContain("Symbol.for('passwordless-webauth.WebAuthError')")
})

// An app that uses zod itself, to check its own form, and the SDK to send the code.
const appWithZod = `
import * as z from 'zod/mini'
import { createClient, passwordlessStart } from '${PACKAGE}'
const client = createClient({ domain: 'tenant.example.com', clientID: '${CLIENT_ID}' })
const email = z.string().check(z.minLength(3), z.trim())
const form = document.querySelector('form')
form.addEventListener('submit', (event) => {
  event.preventDefault()
  passwordlessStart(client, { connection: 'email', send: 'code', email: email.parse(form.elements.email.value) }).then(
    () => (document.body.dataset.state = 'sent'),
    (error) => (document.body.dataset.state = error.code),
  )
})
`

test('an app on other ky and zod versions of the ranges gets one copy of each, and works', async ({
  page,
}) => {
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>
  }
  // The newest ky 1.x and zod 4.x: this repository builds with the oldest of each range.
  const other = { ky: '1.14.3', zod: '4.6.7' }
  expect(manifest.dependencies['ky']).toMatch(/^\^1\./)
  expect(manifest.dependencies['zod']).toMatch(/^\^4\./)
  const installedHere = (name: string) =>
    (
      JSON.parse(readFileSync(join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as {
        version: string
      }
    ).version
  // Versions other than the ones this repository builds and tests with, or the test proves nothing.
  expect(other.zod).not.toBe(installedHere('zod'))
  expect(other.ky).not.toBe(installedHere('ky'))
  const app = createConsumer('bundler-dedupe', { type: 'module' }, other)
  try {
    const tree = JSON.parse(
      execFileSync('npm', ['ls', 'zod', 'ky', '--all', '--json'], { cwd: app.dir, encoding: 'utf8' }),
    ) as Tree
    expect(installedVersions(tree, 'zod')).toEqual([other.zod])
    expect(installedVersions(tree, 'ky')).toEqual([other.ky])
    app.write('app.js', appWithZod)
    const { code } = await buildWith('esbuild', join(app.dir, 'app.js'))
    // One zod in the bundle, the app's: zod's version object is there once, with the app's version.
    const [major, minor, patch] = other.zod.split('.')
    expect(code.match(/\{major:\d+,minor:\d+,patch:\d+\}/g)).toEqual([
      `{major:${major},minor:${minor},patch:${patch}}`,
    ])
    // And it works with those versions, under the strict CSP (zod/mini compiles no code from 4.1 on).
    await serveApp(page, code)
    const { calls } = await fakeTenant(page)
    await page.goto(`${APP_ORIGIN}/`)
    await submit(page, { email: ' a@example.com ' })
    expect(await appState(page)).toBe('sent')
    expect(calls[0]?.body).toMatchObject({ client_id: CLIENT_ID, email: 'a@example.com' })
    expect(await reportedProblems(page)).toEqual([])
  } finally {
    app.remove()
  }
})

interface Tree {
  version?: string
  dependencies?: Record<string, Tree>
}

/** Every version of `name` anywhere in an `npm ls --json` tree, without repeats. */
function installedVersions(tree: Tree, name: string): string[] {
  const found = new Set<string>()
  const visit = (node: Tree) => {
    for (const [dependency, child] of Object.entries(node.dependencies ?? {})) {
      if (dependency === name && child.version) found.add(child.version)
      visit(child)
    }
  }
  visit(tree)
  return [...found]
}
