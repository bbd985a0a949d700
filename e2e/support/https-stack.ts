/**
 * The servers of the HTTPS run (e2e/https.spec.ts), each on a free port, none on the suite's fixed ones:
 * - the emulator in HTTPS mode (`--https --port 0`), with a copy of the demo tenant that also registers
 *   the two apps below;
 * - the demo SPA's own server (plain http on loopback, a secure context), pointed at the HTTPS emulator;
 * - a stand-in for a confidential app's callback, where the hosted login page sends the browser back.
 */
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:http'
import type { Server } from 'node:http'
import { createServer as createNetServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { startEmulatorProcess } from './emulator-process'
import type { EmulatorProcess } from './emulator-process'

const ROOT = resolve(import.meta.dirname, '../..')
const HOST = '127.0.0.1'

export interface HttpsStack {
  emulator: EmulatorProcess & { tls: NonNullable<EmulatorProcess['tls']> }
  /** The demo SPA, http://127.0.0.1:<port>. */
  spa: string
  /** The confidential app's registered callback (the stand-in), http://127.0.0.1:<port>/callback. */
  appCallback: string
  stop(): Promise<void>
}

/** A port no one listens on right now; the SPA's server takes a PORT and cannot report one it picked. */
function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const probe = createNetServer()
    probe.once('error', fail)
    probe.listen(0, HOST, () => {
      const address = probe.address()
      probe.close(() => done(typeof address === 'object' && address !== null ? address.port : 0))
    })
  })
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

/** The demo tenant, with the SPA's and the app's addresses of this run registered as well. */
function writeTenant(folder: string, spa: string, appCallback: string): string {
  const tenant = JSON.parse(readFileSync(join(ROOT, 'demo/server/tenant.json'), 'utf8')) as {
    clients: { clientId: string; callbacks: string[]; webOrigins: string[] }[]
  }
  for (const client of tenant.clients) {
    if (client.clientId === 'spa-demo') {
      client.callbacks.push(`${spa}/`, `${spa}/callback`)
      client.webOrigins.push(spa)
    }
    if (client.clientId === 'regular-web-demo') client.callbacks.push(appCallback)
  }
  const file = join(folder, 'tenant.json')
  writeFileSync(file, JSON.stringify(tenant))
  return file
}

async function startSpa(port: number, emulatorOrigin: string): Promise<() => Promise<void>> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'demo/spa/server.ts'], {
    cwd: ROOT,
    // http and https are different sites: the tenant's cookie would be a third-party one (e2e/cross-site.spec.ts).
    env: {
      ...process.env,
      PORT: String(port),
      EMULATOR_ORIGIN: emulatorOrigin,
      CODE_LOGIN: 'verify_redirect',
    },
    stdio: 'ignore',
  })
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    child.kill('SIGTERM')
    await exited
  }
  const deadline = Date.now() + 30_000
  for (;;) {
    const ready = await fetch(`http://${HOST}:${port}/`).then(
      (response) => response.ok,
      () => false,
    )
    if (ready) return stop
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop()
      throw new Error(`the demo SPA did not start on port ${port}`)
    }
    await new Promise((wait) => setTimeout(wait, 100))
  }
}

export async function startHttpsStack(): Promise<HttpsStack> {
  const folder = mkdtempSync(join(tmpdir(), 'https-e2e-'))
  const callback = await startCallbackServer()
  const spa = `http://${HOST}:${await freePort()}`
  const appCallback = `${callback.origin}/callback`
  const tenantFile = writeTenant(folder, spa, appCallback)
  const stops: (() => Promise<void>)[] = [
    async () => rmSync(folder, { recursive: true, force: true }),
    () => new Promise<void>((closed) => callback.server.close(() => closed())),
  ]
  const stop = async () => {
    for (const each of stops.splice(0).reverse()) await each()
  }
  try {
    const emulator = await startEmulatorProcess({
      args: ['--https', '--port', '0', '--quiet', '--tenant', tenantFile],
    })
    stops.push(() => emulator.stop())
    if (emulator.tls === undefined) throw new Error(`no certificate printed:\n${emulator.output()}`)
    stops.push(await startSpa(Number(new URL(spa).port), emulator.origin))
    return { emulator: { ...emulator, tls: emulator.tls }, spa, appCallback, stop }
  } catch (error) {
    await stop()
    throw error
  }
}
