/**
 * The bench's own servers, on loopback only: an emulator with a tenant written for this run (its one client
 * accepts exactly the page server's origin, so any free port works) and a static page server.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { AUTH0_UMD, OUR_UMD, ROOT } from './bundles'

export const HOST = '127.0.0.1'
export const CLIENT_ID = 'bench-spa'
export const SDKS = ['ours', 'auth0'] as const
export type Sdk = (typeof SDKS)[number]
/** The app pages: each SDK, and ours once more with auth0.js's implicit flow (`id_token token`). */
export const VARIANTS = ['ours', 'auth0', 'ours-implicit'] as const
export type Variant = (typeof VARIANTS)[number]
const sdkOf = (variant: Variant): Sdk => (variant === 'auth0' ? 'auth0' : 'ours')

/** Listens on `port` (0: any free port) and returns the port, or fails naming the port and the variable. */
function listen(server: Server, port: number, variable: string): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        new Error(
          `cannot listen on ${HOST}:${port} (${error.code ?? error.message}); set ${variable} to a free port or leave it unset`,
        ),
      ),
    )
    server.listen(port, HOST, () => {
      const address = server.address()
      resolve(typeof address === 'object' && address !== null ? address.port : port)
    })
  })
}

/** A port from an environment variable, or 0 (any free port) when it is unset. */
export function portFrom(variable: string): number {
  const raw = process.env[variable]
  if (raw === undefined || raw === '') return 0
  const port = Number(raw)
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`${variable} must be a port number, got "${raw}"`)
  return port
}

/** A free port now (the emulator binds it a moment later). */
export async function freePort(): Promise<number> {
  const server = createServer()
  const port = await listen(server, 0, 'BENCH_EMULATOR_PORT')
  await new Promise((resolve) => server.close(resolve))
  return port
}

const file = (path: string) => readFileSync(join(ROOT, path))

/** The HTML of an app page: the bench config, the SDK's UMD, then its adapter (bench/pages/<sdk>.js). */
const appPage = (variant: Variant) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>bench ${variant}</title>` +
  `<script src="/config.js"></script><script src="/sdk/${sdkOf(variant)}.js"></script>` +
  `<script src="/pages/${sdkOf(variant)}.js"></script></head><body></body></html>`

/**
 * Serves the bench pages, the two UMDs (never cached, so every fresh page fetches them) and the adapters.
 * `/startup.html?sdk=ours` loads one UMD and records its timings; `/<variant>/app` and `/<variant>/callback` run a login.
 */
export async function startPageServer(
  emulatorOrigin: () => string,
): Promise<{ origin: string; close: () => Promise<void> }> {
  const scripts: Record<string, string> = {
    '/sdk/ours.js': OUR_UMD,
    '/sdk/auth0.js': AUTH0_UMD,
    '/pages/ours.js': 'bench/pages/ours.js',
    '/pages/auth0.js': 'bench/pages/auth0.js',
    '/pages/startup.js': 'bench/pages/startup.js',
  }
  let origin = ''
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', `http://${HOST}`)
    const send = (status: number, type: string, body: string | Buffer) => {
      response.writeHead(status, { 'Content-Type': type, 'Cache-Control': 'no-store' })
      response.end(body)
    }
    const script = scripts[url.pathname]
    if (script !== undefined) return send(200, 'text/javascript', file(script))
    if (url.pathname === '/config.js') {
      const config = { origin, emulator: emulatorOrigin(), clientID: CLIENT_ID }
      return send(200, 'text/javascript', `window.benchConfig = ${JSON.stringify(config)}\n`)
    }
    if (url.pathname === '/empty.html') return send(200, 'text/html', '<!doctype html><title>empty</title>')
    if (url.pathname === '/startup.html') {
      return send(
        200,
        'text/html',
        '<!doctype html><title>start-up</title><script src="/pages/startup.js"></script>',
      )
    }
    const page = /^\/(ours|auth0|ours-implicit)\/(app|callback)$/.exec(url.pathname)
    if (page && url.searchParams.has('isolated')) {
      // Cross-origin isolated, for timings of a few milliseconds: performance.now() then counts in
      // microseconds instead of Chromium's 100 µs steps. The API calls are CORS requests either way.
      response.setHeader('Cross-Origin-Opener-Policy', 'same-origin')
      response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp')
    }
    if (page) return send(200, 'text/html', appPage(page[1] as Variant))
    if (url.pathname === '/favicon.ico') return send(204, 'text/plain', '')
    return send(404, 'text/plain', 'not found')
  })
  const port = await listen(server, portFrom('BENCH_PORT'), 'BENCH_PORT')
  origin = `http://${HOST}:${port}`
  return {
    origin,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}

/** The demo tenant with one public SPA client whose web origin and callbacks are the page server's. */
function writeTenant(directory: string, pageOrigin: string): string {
  const tenant = JSON.parse(file('demo/server/tenant.json').toString('utf8')) as Record<string, unknown>
  tenant['clients'] = [
    {
      clientId: CLIENT_ID,
      name: 'Benchmark single-page app',
      appType: 'spa',
      callbacks: VARIANTS.map((variant) => `${pageOrigin}/${variant}/callback`),
      webOrigins: [pageOrigin],
      grantTypes: ['authorization_code', 'implicit'],
      connections: ['email', 'sms'],
      crossOriginAuthentication: true,
    },
  ]
  const path = join(directory, 'tenant.json')
  writeFileSync(path, JSON.stringify(tenant, null, 2))
  return path
}

/**
 * Starts `demo/server/main.ts` in a child process with a start rate limit that the bench never reaches,
 * and waits (at most 30 s) until it answers.
 * @throws Error with the emulator's output when it exits or does not answer in time.
 */
export async function startEmulator(
  pageOrigin: string,
): Promise<{ origin: string; stop: () => Promise<void> }> {
  const directory = mkdtempSync(join(tmpdir(), 'passwordless-bench-'))
  const tenantFile = writeTenant(directory, pageOrigin)
  const requested = portFrom('BENCH_EMULATOR_PORT')
  const port = requested === 0 ? await freePort() : requested
  const origin = `http://${HOST}:${port}`
  const args = ['--import', 'tsx', 'demo/server/main.ts', '--port', String(port), '--tenant', tenantFile]
  const child: ChildProcess = spawn(process.execPath, [...args, '--rate-limit', '100000', '--quiet'], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()))
  let exited = false
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())))
  const stop = async () => {
    if (!exited) child.kill('SIGTERM')
    await Promise.race([exit, new Promise((resolve) => setTimeout(resolve, 3000))])
    rmSync(directory, { recursive: true, force: true })
  }
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline && !exited) {
    try {
      const answer = await fetch(`${origin}/.well-known/openid-configuration`)
      if (answer.ok) return { origin, stop }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
  await stop()
  throw new Error(
    `the emulator did not start on ${origin}${exited ? ' (it exited)' : ' within 30 s'}:\n${output}`,
  )
}

/** The code the emulator "sent" to `email` most recently. */
export async function latestCode(emulatorOrigin: string, email: string): Promise<string> {
  const answer = await fetch(`${emulatorOrigin}/__emulator/outbox?to=${encodeURIComponent(email)}`)
  const { messages } = (await answer.json()) as { messages: { code?: string }[] }
  const code = messages[0]?.code
  if (code === undefined) throw new Error(`no code in the emulator's outbox for ${email}`)
  return code
}
