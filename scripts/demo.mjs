/* global fetch */
// `npm run demo`: builds the SDK and the demo SPA, starts the emulator (4400), the SPA (4401) and the
// confidential app (4402) as child processes, waits until each answers, prints where to go, and stops them
// all on Ctrl-C or SIGTERM. If one of them stops on its own, the others are stopped too.
import { spawn, spawnSync } from 'node:child_process'
import { createServer } from 'node:net'

const HOST = '127.0.0.1'
const EMULATOR = `http://${HOST}:4400`

const services = [
  { name: 'emulator', port: 4400, script: 'demo/server/main.ts', ready: '/.well-known/openid-configuration' },
  { name: 'spa', port: 4401, script: 'demo/spa/server.ts', ready: '/' },
  { name: 'regular-web-app', port: 4402, script: 'demo/regular-web-app/server.ts', ready: '/' },
]

function build(label, args) {
  console.log(`[demo] ${label}…`)
  // `process.execPath` and the local rollup: no global tool and no shell needed.
  const run = spawnSync(process.execPath, ['node_modules/rollup/dist/bin/rollup', ...args, '--silent'], {
    stdio: 'inherit',
  })
  if (run.status !== 0) {
    console.error(`[demo] ${label} failed; see above.`)
    process.exit(1)
  }
}

function isPortFree(port) {
  return new Promise((resolve) => {
    const probe = createServer()
    probe.once('error', () => resolve(false))
    probe.listen(port, HOST, () => probe.close(() => resolve(true)))
  })
}

/** Prefixes each line of a child's output with its name, so three logs stay readable in one terminal. */
function pipeWithPrefix(stream, target, name) {
  let rest = ''
  stream.setEncoding('utf8')
  stream.on('data', (chunk) => {
    const lines = (rest + chunk).split('\n')
    rest = lines.pop() ?? ''
    for (const line of lines) target.write(`[${name}] ${line}\n`)
  })
  stream.on('end', () => {
    if (rest !== '') target.write(`[${name}] ${rest}\n`)
  })
}

async function waitUntilReady(service, child) {
  const deadline = Date.now() + 30_000
  while (Date.now() < deadline) {
    if (child.exitCode !== null) return false
    try {
      const response = await fetch(`http://${HOST}:${service.port}${service.ready}`)
      if (response.ok) return true
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  return false
}

const children = new Map()
let stopping = false

function stopAll(exitCode) {
  if (stopping) return
  stopping = true
  console.log('\n[demo] stopping…')
  for (const child of children.values()) if (child.exitCode === null) child.kill('SIGTERM')
  const force = setTimeout(() => {
    for (const child of children.values()) if (child.exitCode === null) child.kill('SIGKILL')
  }, 5000)
  force.unref()
  const waits = [...children.values()].map((child) =>
    child.exitCode === null ? new Promise((resolve) => child.once('exit', resolve)) : undefined,
  )
  void Promise.all(waits).then(() => {
    console.log('[demo] stopped.')
    process.exit(exitCode)
  })
}

async function main() {
  const busy = []
  for (const service of services) if (!(await isPortFree(service.port))) busy.push(service)
  if (busy.length > 0) {
    for (const service of busy)
      console.error(`[demo] port ${service.port} (${service.name}) is already in use.`)
    console.error('[demo] Stop whatever uses it (another `npm run demo`?) and try again.')
    process.exit(1)
  }

  build('building the SDK (dist/)', ['-c', 'rollup.config.mjs'])
  build('building the demo SPA (demo/spa/dist/)', ['-c', 'demo/spa/rollup.config.mjs'])

  process.on('SIGINT', () => stopAll(0))
  process.on('SIGTERM', () => stopAll(0))

  for (const service of services) {
    // tsx as a loader of this very Node: one process per service, which receives our signals directly.
    const child = spawn(process.execPath, ['--import', 'tsx', service.script], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORT: String(service.port), EMULATOR_ORIGIN: EMULATOR },
    })
    children.set(service.name, child)
    pipeWithPrefix(child.stdout, process.stdout, service.name)
    pipeWithPrefix(child.stderr, process.stderr, service.name)
    child.on('exit', (code, signal) => {
      if (stopping) return
      console.error(`[demo] ${service.name} stopped unexpectedly (${signal ?? `exit code ${code}`}).`)
      stopAll(1)
    })
    if (!(await waitUntilReady(service, child))) {
      console.error(`[demo] ${service.name} did not start on port ${service.port}.`)
      stopAll(1)
      return
    }
  }

  console.log(`
[demo] Ready. Open one of these in a browser:

  Single-page app (email code, email link, SMS code):  http://${HOST}:4401/
  Confidential app (codes sent by its backend):        http://${HOST}:4402/
  Universal Login page (the emulator's hosted page):   http://${HOST}:4402/login/hosted
  Outbox (read your codes and links here):             ${EMULATOR}/__emulator/outbox.html

[demo] Press Ctrl-C to stop everything.
`)
}

main().catch((error) => {
  console.error('[demo] failed:', error)
  stopAll(1)
})
