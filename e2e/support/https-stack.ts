/**
 * The servers of the HTTPS run (e2e/https.spec.ts), each on a free port, none on the suite's fixed ones:
 * - the emulator in HTTPS mode (`--https --port 0`), with a copy of the demo tenant that also registers
 *   the two apps below;
 * - the demo SPA's own server (plain http on loopback, a secure context), pointed at the HTTPS emulator;
 * - a stand-in for a confidential app's callback, where the hosted login page sends the browser back.
 */
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { freePort, spawnServer } from '../../test/support/served'
import { startHttpsEmulator } from './emulator-process'
import type { HttpsEmulatorProcess } from './emulator-process'

const HOST = '127.0.0.1'

export interface HttpsStack {
  emulator: HttpsEmulatorProcess
  /** The demo SPA, http://127.0.0.1:<port>. */
  spa: string
  /** The confidential app's registered callback (the stand-in), http://127.0.0.1:<port>/callback. */
  appCallback: string
  stop(): Promise<void>
}

/** The app's callback: a plain page, so that the test reads the address the tenant sent the browser to. */
async function startCallbackServer(): Promise<{ server: Server; origin: string }> {
  const server = createServer((request, response) => {
    const isPage = request.url?.startsWith('/callback')
    response.writeHead(isPage ? 200 : 204, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Security-Policy': "default-src 'none'",
      'Cache-Control': 'no-store',
    })
    response.end(isPage ? '<!doctype html><title>Back in the app</title><h1>Back in the app</h1>' : '')
  })
  await new Promise<void>((listening) => server.listen(0, HOST, () => listening()))
  const address = server.address()
  return {
    server,
    origin: `http://${HOST}:${typeof address === 'object' && address !== null ? address.port : 0}`,
  }
}

export async function startHttpsStack(): Promise<HttpsStack> {
  const callback = await startCallbackServer()
  // The SPA's server takes a PORT and cannot report one it picked; its address goes in the tenant first.
  const spaPort = await freePort()
  const spa = `http://${HOST}:${spaPort}`
  const appCallback = `${callback.origin}/callback`
  const stops: (() => Promise<void>)[] = [
    () => new Promise<void>((closed) => callback.server.close(() => closed())),
  ]
  const stop = async () => {
    for (const each of stops.splice(0).reverse()) await each()
  }
  try {
    const emulator = await startHttpsEmulator({
      'spa-demo': { callbacks: [`${spa}/`, `${spa}/callback`], webOrigins: [spa] },
      'regular-web-demo': { callbacks: [appCallback] },
    })
    stops.push(() => emulator.stop())
    const spaServer = await spawnServer('demo/spa/server.ts', {
      port: spaPort,
      // http and https are different sites: the tenant's cookie would be a third-party one (e2e/cross-site.spec.ts).
      env: { EMULATOR_ORIGIN: emulator.origin, CODE_LOGIN: 'verify_redirect' },
    })
    stops.push(spaServer.stop)
    return { emulator, spa, appCallback, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
