/**
 * The servers of the cross-site run (e2e/cross-site.spec.ts), each on a free port:
 * - the emulator in HTTPS mode (`--https --port 0`), the tenant at https://127.0.0.1:<port>;
 * - an HTTPS server for the app: the demo SPA's page and bundle, and a plain page running auth0.js. Reached
 *   as https://localhost:<port> it is on another site than the tenant (cookies ignore ports, not host names);
 *   reached as https://127.0.0.1:<port>, on the same site, as an app on a custom domain of the tenant is.
 * The tenant file is a copy of the demo's that registers both addresses of the app for `spa-demo`.
 */
import { readFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:https'
import type { Server } from 'node:https'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { createSelfSignedCertificate, summariseCertificate } from '../../demo/server/tls/certificate'
import { demoAppHeaders } from '../../demo/shared/app-headers'
import { startEmulatorProcess } from './emulator-process'
import type { EmulatorProcess } from './emulator-process'

const ROOT = resolve(import.meta.dirname, '../..')

export interface CrossSiteStack {
  emulator: EmulatorProcess & { tls: NonNullable<EmulatorProcess['tls']> }
  /** The app on another site than the tenant: https://localhost:<port>. */
  crossSiteApp: string
  /** The same app on the tenant's site: https://127.0.0.1:<port>. */
  sameSiteApp: string
  /** The SPKI pins Chromium must trust: the emulator's certificate and the app's. */
  spkiPins: string[]
  stop(): Promise<void>
}

/** The page that runs auth0.js (its published auth0.min.js), at /auth0-js/ and its callback. */
const AUTH0_JS_PAGE =
  '<!doctype html><meta charset="utf-8"><title>auth0.js</title><script src="/auth0-js/auth0.min.js"></script>'

/** The app's server; its pages call the tenant that `tenant.origin` names once the emulator has started. */
function startAppServer(tenant: { origin: string }) {
  const tls = createSelfSignedCertificate()
  const headersFor = (type: string) => demoAppHeaders([tenant.origin])(type)
  const file = (path: string) => readFileSync(join(ROOT, path))
  const spaPage = () =>
    file('demo/spa/public/index.html')
      .toString('utf8')
      .replaceAll('%EMULATOR_ORIGIN%', tenant.origin)
      .replaceAll('%CODE_LOGIN%', '')
  const routes: Record<string, () => [string, string | Buffer, boolean]> = {
    '/': () => ['text/html; charset=utf-8', spaPage(), true],
    '/app.js': () => ['text/javascript', file('demo/spa/dist/app.js'), true],
    '/style.css': () => ['text/css', file('demo/shared/style.css'), true],
    '/favicon.svg': () => ['image/svg+xml', file('demo/spa/public/favicon.svg'), true],
    // auth0.js runs with its own habits (no CSP of ours).
    '/auth0-js/': () => ['text/html; charset=utf-8', AUTH0_JS_PAGE, false],
    '/auth0-js/callback': () => ['text/html; charset=utf-8', AUTH0_JS_PAGE, false],
    '/auth0-js/auth0.min.js': () => [
      'text/javascript',
      file('node_modules/auth0-js/dist/auth0.min.js'),
      false,
    ],
  }
  const server: Server = createServer({ key: tls.privateKey, cert: tls.certificate }, (request, response) => {
    const route = routes[new URL(request.url ?? '/', 'https://app').pathname]
    if (route === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('Not found\n')
      return
    }
    const [type, body, strict] = route()
    response.writeHead(200, strict ? headersFor(type) : { 'Content-Type': type, 'Cache-Control': 'no-store' })
    response.end(body)
  })
  return { server, spki: summariseCertificate(tls.certificate).spkiSha256 }
}

/** The demo tenant, with both addresses of the app registered for the SPA client. */
function writeTenant(folder: string, apps: string[]): string {
  const tenant = JSON.parse(readFileSync(join(ROOT, 'demo/server/tenant.json'), 'utf8')) as {
    clients: { clientId: string; callbacks: string[]; webOrigins: string[] }[]
  }
  const spa = tenant.clients.find((client) => client.clientId === 'spa-demo')
  for (const app of apps) {
    spa?.callbacks.push(`${app}/`, `${app}/auth0-js/callback`)
    spa?.webOrigins.push(app)
  }
  const file = join(folder, 'tenant.json')
  writeFileSync(file, JSON.stringify(tenant))
  return file
}

export async function startCrossSiteStack(): Promise<CrossSiteStack> {
  const folder = mkdtempSync(join(tmpdir(), 'cross-site-e2e-'))
  const stops: (() => Promise<void>)[] = [async () => rmSync(folder, { recursive: true, force: true })]
  const stop = async () => {
    for (const each of stops.splice(0).reverse()) await each()
  }
  try {
    // The app's port comes first, so that the tenant file can register its addresses.
    const tenant = { origin: '' }
    const app = startAppServer(tenant)
    await new Promise<void>((listening) => app.server.listen(0, '127.0.0.1', () => listening()))
    stops.push(() => new Promise<void>((closed) => app.server.close(() => closed())))
    const address = app.server.address()
    const port = typeof address === 'object' && address !== null ? address.port : 0
    const crossSiteApp = `https://localhost:${port}`
    const sameSiteApp = `https://127.0.0.1:${port}`
    const tenantFile = writeTenant(folder, [crossSiteApp, sameSiteApp])
    const emulator = await startEmulatorProcess({
      args: ['--https', '--port', '0', '--quiet', '--tenant', tenantFile],
    })
    stops.push(() => emulator.stop())
    if (emulator.tls === undefined) throw new Error(`no certificate printed:\n${emulator.output()}`)
    tenant.origin = emulator.origin
    return {
      emulator: { ...emulator, tls: emulator.tls },
      crossSiteApp,
      sameSiteApp,
      spkiPins: [emulator.tls.spki, app.spki],
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}
