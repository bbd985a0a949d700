import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { createConsumer, type Consumer } from '../test/support/packed-package'

// The package as a user gets it: `npm pack`, installed into a new project, used through
// ESM `import`, CommonJS `require`, and the `unpkg` file in a <script> tag.

let consumer: Consumer
let project = ''
let tarball = ''

test.describe.configure({ mode: 'serial', timeout: 120_000 })

test.beforeAll(() => {
  consumer = createConsumer('consumer', { type: 'module' })
  project = consumer.dir
  tarball = consumer.tarball
})

test.afterAll(() => consumer?.remove())

// A consumer script: start an email code login against a fake fetch and print what was sent.
const consumerBody = `
const sent = []
const fetch = async (input, init) => {
  const request = new Request(input, init)
  sent.push({ url: request.url, body: await request.json() })
  return new Response('{"email":"a@example.com"}', { status: 200, headers: { 'content-type': 'application/json' } })
}
const webAuth = new WebAuth({ domain: 'tenant.example.com', clientID: 'abc', fetch })
const result = await webAuth.passwordlessStart({ connection: 'email', send: 'code', email: 'a@example.com' })
let refused = ''
try { new WebAuth({ domain: 'tenant.example.com', clientID: 'abc', internalOptions: { client_secret: 'x' } }) } catch (error) { refused = isWebAuthError(error) && error.code }
console.log(JSON.stringify({ result, sent, refused }))
`

function runNode(args: string[]): {
  result: unknown
  sent: { url: string; body: Record<string, unknown> }[]
  refused: string
} {
  return JSON.parse(execFileSync('node', args, { cwd: project, encoding: 'utf8' }))
}

test('the tarball holds the builds of both entries, their types for import and require, the README and the LICENSE, and nothing else', () => {
  const listing = execFileSync('tar', ['-tzf', tarball], { encoding: 'utf8' }).split('\n').filter(Boolean)
  expect(listing).toEqual(
    expect.arrayContaining([
      'package/package.json',
      'package/README.md',
      'package/LICENSE',
      'package/dist/passwordless-webauth.mjs',
      'package/dist/passwordless-webauth.umd.cjs',
      'package/dist/passwordless-webauth.umd.min.js',
      'package/dist/index.d.ts',
      'package/dist/index.d.cts',
      'package/dist/passwordless-webauth-server.mjs',
      'package/dist/passwordless-webauth-server.cjs',
      'package/dist/server.d.ts',
      'package/dist/server.d.cts',
      'package/server/package.json',
    ]),
  )
  // Builds, their source maps and the bundled declarations of both entries (with the chunk of types they
  // share), and the stub that points node10 resolution at the server entry; no per-module declarations, no
  // sources.
  const shipped =
    /^package\/(package\.json|README\.md|LICENSE|server\/package\.json|dist\/[^/]+\.(mjs|cjs|js)(\.map)?|dist\/(index|server)\.d\.c?ts|dist\/types\/shared-[\w-]+\.d\.c?ts)$/
  expect(listing.filter((file) => !shipped.test(file))).toEqual([])
})

test('ESM: import { WebAuth } from "passwordless-webauth"', () => {
  const output = runNode([
    '--input-type=module',
    '-e',
    `import { WebAuth, isWebAuthError } from 'passwordless-webauth'\n${consumerBody}`,
  ])
  expect(output.result).toMatchObject({ connection: 'email', send: 'code' })
  expect(output.sent[0]?.url).toBe('https://tenant.example.com/passwordless/start')
  expect(output.sent[0]?.body).toMatchObject({ client_id: 'abc', email: 'a@example.com', send: 'code' })
  expect(output.refused).toBe('client_secret_in_browser')
})

test('CommonJS: require("passwordless-webauth")', () => {
  consumer.write(
    'consumer.cjs',
    `const { WebAuth, isWebAuthError } = require('passwordless-webauth');\n(async () => {${consumerBody}})()`,
  )
  const output = runNode(['consumer.cjs'])
  expect(output.sent[0]?.body).toMatchObject({ client_id: 'abc', connection: 'email' })
  expect(output.refused).toBe('client_secret_in_browser')
})

// A backend script: the server entry's start, with the secret and the person's address, against a fake fetch.
const serverBody = `
const sent = []
const fetch = async (input, init) => {
  const request = new Request(input, init)
  sent.push({ url: request.url, body: await request.json(), forwardedFor: request.headers.get('auth0-forwarded-for') })
  return new Response('{"email":"a@example.com"}', { status: 200, headers: { 'content-type': 'application/json' } })
}
const client = createServerClient({ domain: 'tenant.example.com', clientId: 'abc', clientSecret: 's3cret', fetch })
const result = await client.passwordlessStart({ connection: 'email', send: 'code', email: 'a@example.com', forwardedFor: '203.0.113.7' })
console.log(JSON.stringify({ result, sent, refused: String(isMfaRequired(new Error('x'))) }))
`

function expectServerStart(output: ReturnType<typeof runNode>): void {
  expect(output.result).toMatchObject({ connection: 'email', send: 'code', email: 'a@example.com' })
  expect(output.sent).toEqual([
    {
      url: 'https://tenant.example.com/passwordless/start',
      body: expect.objectContaining({ client_id: 'abc', client_secret: 's3cret' }),
      forwardedFor: '203.0.113.7',
    },
  ])
}

test('ESM: import { createServerClient } from "passwordless-webauth/server"', () => {
  const imports = "import { createServerClient, isMfaRequired } from 'passwordless-webauth/server'"
  expectServerStart(runNode(['--input-type=module', '-e', `${imports}\n${serverBody}`]))
})

test('CommonJS: require("passwordless-webauth/server")', () => {
  const requires = "const { createServerClient, isMfaRequired } = require('passwordless-webauth/server')"
  consumer.write('server-consumer.cjs', `${requires};\n(async () => {${serverBody}})()`)
  expectServerStart(runNode(['server-consumer.cjs']))
})

test('script tag: the unpkg file defines the PasswordlessWebAuth global', async ({ page }) => {
  const installed = join(project, 'node_modules', 'passwordless-webauth')
  const manifest = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'))
  const script = readFileSync(join(installed, manifest.unpkg))
  await page.route('http://localhost:4412/**', (route) =>
    route.request().url().endsWith('.js')
      ? route.fulfill({ contentType: 'text/javascript', body: script })
      : route.fulfill({
          contentType: 'text/html',
          headers: { 'Content-Security-Policy': "default-src 'none'; script-src 'self'" },
          body: '<!doctype html><script src="/pwa.js"></script>',
        }),
  )
  await page.goto('http://localhost:4412/')
  const version = await page.evaluate(
    () => (window as unknown as { PasswordlessWebAuth: { VERSION: string } }).PasswordlessWebAuth.VERSION,
  )
  expect(version).toBe(manifest.version)
})
