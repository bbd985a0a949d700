/**
 * The servers of the cross-site run (e2e/cross-site.spec.ts), each on a free port:
 * - the emulator in HTTPS mode (`--https --port 0`), the tenant at https://127.0.0.1:<port>;
 * - an HTTPS server for the app: the demo SPA's page and bundle, and a plain page running auth0.js. Reached
 *   as https://localhost:<port> it is on another site than the tenant (cookies ignore ports, not host names);
 *   reached as https://127.0.0.1:<port>, on the same site, as an app on a custom domain of the tenant is.
 * The tenant file is a copy of the demo's that registers both addresses of the app for `spa-demo`.
 */
import { readFileSync } from 'node:fs'
import { createServer } from 'node:https'
import type { Server } from 'node:https'
import { join, resolve } from 'node:path'
import { createSelfSignedCertificate, summariseCertificate } from '../../demo/server/tls/certificate'
import { demoAppHeaders } from '../../demo/shared/app-headers'
import { AUTH0_JS_PAGE } from './auth0-js-page'
import { startHttpsEmulator } from './emulator-process'
import type { HttpsEmulatorProcess } from './emulator-process'

const ROOT = resolve(import.meta.dirname, '../..')

export interface CrossSiteStack {
  emulator: HttpsEmulatorProcess
  /** The app on another site than the tenant: https://localhost:<port>. */
  crossSiteApp: string
  /** The same app on the tenant's site: https://127.0.0.1:<port>. */
  sameSiteApp: string
  /** The SPKI pins Chromium must trust: the emulator's certificate and the app's. */
  spkiPins: string[]
  stop(): Promise<void>
}

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
    // The page that runs auth0.js, at /auth0-js/ and its callback, with its own habits (no CSP of ours).
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

export async function startCrossSiteStack(): Promise<CrossSiteStack> {
  const stops: (() => Promise<void>)[] = []
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
    const apps = [crossSiteApp, sameSiteApp]
    const emulator = await startHttpsEmulator({
      'spa-demo': {
        callbacks: apps.flatMap((app) => [`${app}/`, `${app}/auth0-js/callback`]),
        webOrigins: apps,
      },
    })
    stops.push(() => emulator.stop())
    tenant.origin = emulator.origin
    return { emulator, crossSiteApp, sameSiteApp, spkiPins: [emulator.tls.spki, app.spki], stop }
  } catch (error) {
    await stop()
    throw error
  }
}
