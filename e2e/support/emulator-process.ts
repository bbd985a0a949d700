/**
 * The emulator as a person starts it, in a child process: `npm run emulator -- <args>` (or the same script
 * under `node --import tsx`, without npm's start-up), read back from what it prints. In HTTPS mode that is
 * where its certificate is and Chromium's SPKI pin, which the tests then trust exactly as the printout says.
 * `startHttpsEmulator` starts it so for the HTTPS and cross-site runs, with a copy of the demo tenant that
 * registers the run's own addresses (`writeDemoTenant`).
 */
import { spawn } from 'node:child_process'
import type { ChildProcess } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'

const ROOT = resolve(import.meta.dirname, '../..')

export interface EmulatorProcess {
  /** The origin it printed: `http(s)://127.0.0.1:<port>`. */
  origin: string
  /** HTTPS mode: the certificate's file as printed, its PEM, and the SPKI pin for Chromium. */
  tls?: { certificateFile: string; certificate: string; spki: string }
  /** Everything it printed so far (stdout and stderr). */
  output(): string
  /** SIGTERM (the emulator's clean stop), then SIGKILL after 5 s; resolves once the process has gone. */
  stop(): Promise<void>
}

export interface EmulatorProcessOptions {
  args?: string[]
  env?: Record<string, string>
  /** `npm` runs `npm run emulator -- <args>`; `node` runs its script directly. @defaultValue node */
  via?: 'npm' | 'node'
}

/** Starts the emulator and waits for its banner (30 s at most). */
export async function startEmulatorProcess(options: EmulatorProcessOptions = {}): Promise<EmulatorProcess> {
  const args = options.args ?? []
  const [command, commandArgs] =
    options.via === 'npm'
      ? ['npm', ['run', '--silent', 'emulator', '--', ...args]]
      : [process.execPath, ['--import', 'tsx', 'demo/server/main.ts', ...args]]
  // Its own process group: npm and tsx each start a child, and a stop must reach the emulator itself.
  const child = spawn(command, commandArgs, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  })
  let printed = ''
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk))
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (printed += chunk))
  const stop = () => stopGroup(child)
  try {
    await waitFor(
      () => /Press Ctrl\+C to stop/.test(printed),
      child,
      () => printed,
    )
  } catch (error) {
    await stop()
    throw error
  }
  const origin = /^Auth0 emulator .* at (https?:\/\/127\.0\.0\.1:\d+)\s*$/m.exec(printed)?.[1] ?? ''
  const certificateFile = /TLS certificate: (.+)$/m.exec(printed)?.[1]?.trim()
  const spki = /--ignore-certificate-errors-spki-list=(\S+)/.exec(printed)?.[1]
  return {
    origin,
    ...(certificateFile === undefined || spki === undefined
      ? {}
      : { tls: { certificateFile, certificate: readFileSync(certificateFile, 'utf8'), spki } }),
    output: () => printed,
    stop,
  }
}

/** An emulator in HTTPS mode: its certificate is known. */
export type HttpsEmulatorProcess = EmulatorProcess & { tls: NonNullable<EmulatorProcess['tls']> }

/** Addresses of a test run to register, by client id, on top of what the demo tenant has. */
export type ClientAddresses = Record<string, { callbacks?: string[]; webOrigins?: string[] }>

/** Writes a copy of the demo tenant (demo/server/tenant.json) with `addresses` added, as `folder`/tenant.json. */
export function writeDemoTenant(folder: string, addresses: ClientAddresses): string {
  const tenant = JSON.parse(readFileSync(join(ROOT, 'demo/server/tenant.json'), 'utf8')) as {
    clients: { clientId: string; callbacks: string[]; webOrigins: string[] }[]
  }
  for (const [clientId, { callbacks = [], webOrigins = [] }] of Object.entries(addresses)) {
    const client = tenant.clients.find((each) => each.clientId === clientId)
    if (client === undefined) throw new Error(`the demo tenant has no client ${clientId}`)
    client.callbacks.push(...callbacks)
    client.webOrigins.push(...webOrigins)
  }
  const file = join(folder, 'tenant.json')
  writeFileSync(file, JSON.stringify(tenant))
  return file
}

/**
 * Starts the emulator in HTTPS mode on a free port (`--https --port 0 --quiet`) with a copy of the demo tenant
 * that registers `addresses`, written to a temporary folder that its stop() removes. Fails, stopped, if the
 * emulator printed no certificate.
 */
export async function startHttpsEmulator(addresses: ClientAddresses): Promise<HttpsEmulatorProcess> {
  const folder = mkdtempSync(join(tmpdir(), 'emulator-e2e-'))
  const removeFolder = () => rmSync(folder, { recursive: true, force: true })
  let emulator: EmulatorProcess
  try {
    const tenantFile = writeDemoTenant(folder, addresses)
    emulator = await startEmulatorProcess({
      args: ['--https', '--port', '0', '--quiet', '--tenant', tenantFile],
    })
  } catch (error) {
    removeFolder()
    throw error
  }
  const stop = async () => {
    await emulator.stop()
    removeFolder()
  }
  if (emulator.tls === undefined) {
    const error = new Error(`no certificate printed:\n${emulator.output()}`)
    await stop()
    throw error
  }
  return { ...emulator, tls: emulator.tls, stop }
}

async function waitFor(ready: () => boolean, child: ChildProcess, printed: () => string): Promise<void> {
  const deadline = Date.now() + 30_000
  while (!ready()) {
    if (child.exitCode !== null || Date.now() > deadline) {
      throw new Error(`the emulator did not start; it printed:\n${printed()}`)
    }
    await new Promise((wait) => setTimeout(wait, 50))
  }
}

async function stopGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return
  const exited = new Promise<void>((done) => child.once('exit', () => done()))
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-(child.pid as number), name)
    } catch {
      // The group has already gone.
    }
  }
  signal('SIGTERM')
  const force = setTimeout(() => signal('SIGKILL'), 5000)
  await exited
  clearTimeout(force)
}
