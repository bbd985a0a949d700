/**
 * Servers on free ports for tests that need real sockets: the emulator in this process (`serveEmulator`),
 * and a demo server as a child process (`spawnServer`), for what must not share the test's event loop or
 * only exists as a script.
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { createEmulator } from '../../demo/server/app'
import type { Emulator, EmulatorOptions } from '../../demo/server/app'

const ROOT = resolve(import.meta.dirname, '../..')

/** A port no one listens on right now (the kernel's choice). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address !== null ? address.port : 0
      probe.close(() => resolvePort(port))
    })
  })
}

/** The emulator on a free port of 127.0.0.1, its issuer naming that port. */
export async function serveEmulator(
  options: EmulatorOptions = {},
): Promise<{ emulator: Emulator; origin: string; close: () => Promise<void> }> {
  // The issuer names the port, which is known only once the server listens; requests wait for neither.
  const late: { emulator?: Emulator } = {}
  const server = serve({
    fetch: (request, env) => (late.emulator as Emulator).fetch(request, env),
    port: 0,
    hostname: '127.0.0.1',
  })
  await new Promise<void>((ready) => server.once('listening', () => ready()))
  const address = server.address()
  const port = typeof address === 'object' && address !== null ? address.port : 0
  const origin = `http://127.0.0.1:${port}`
  const emulator = createEmulator({ log: () => {}, ...options, issuer: origin })
  late.emulator = emulator
  const close = () =>
    new Promise<void>((closed) => {
      server.close(() => closed())
      // Keep-alive sockets would hold close() open; HTTP/2 servers have no such method.
      ;(server as { closeAllConnections?: () => void }).closeAllConnections?.()
    })
  return { emulator, origin, close }
}

export interface SpawnedServer {
  child: ChildProcess
  origin: string
  stop: () => Promise<void>
}

/**
 * Runs a TypeScript server script of this repository (`node --import tsx <script> <args>`) on a free port
 * given as PORT, and waits until it answers `readyPath`. `port` is for a caller that must know the address
 * before the server starts (say, to register it in a tenant file): take one from `freePort()`.
 */
export async function spawnServer(
  script: string,
  options: { env?: Record<string, string>; args?: string[]; readyPath?: string; port?: number } = {},
): Promise<SpawnedServer> {
  const port = options.port ?? (await freePort())
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...(options.args ?? [])], {
    cwd: ROOT,
    env: { ...process.env, ...options.env, PORT: String(port) },
    stdio: 'ignore',
  })
  const origin = `http://127.0.0.1:${port}`
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return
    const exited = new Promise<void>((done) => child.once('exit', () => done()))
    child.kill('SIGKILL')
    await exited
  }
  const deadline = Date.now() + 30_000
  for (;;) {
    try {
      const response = await fetch(`${origin}${options.readyPath ?? '/'}`, {
        signal: AbortSignal.timeout(1000),
      })
      await response.body?.cancel()
      return { child, origin, stop }
    } catch (error) {
      if (Date.now() > deadline || child.exitCode !== null) {
        await stop()
        throw new Error(`${script} did not start on port ${port}`, { cause: error })
      }
      await new Promise((wait) => setTimeout(wait, 100))
    }
  }
}
