/**
 * `npm run emulator`: serves the emulator on 127.0.0.1 (port 4400 unless PORT or --port says otherwise),
 * prints its URLs, and shuts down cleanly on SIGINT / SIGTERM.
 */
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import { createEmulator } from './app'
import { stopOnSignal } from '../shared/stop-on-signal'
import { USAGE, parseCliOptions } from './cli-options'

const HOST = '127.0.0.1'

function main(): void {
  let options
  try {
    options = parseCliOptions(process.argv.slice(2), process.env)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (message === USAGE) {
      console.log(USAGE)
      return
    }
    console.error(`${message}\n\n${USAGE}`)
    process.exitCode = 2
    return
  }
  const issuer = `http://${HOST}:${options.port}`
  const emulator = createEmulator({
    issuer,
    tenant: { settings: options.settings },
    ...(options.tenantFile === undefined ? {} : { tenantFile: resolve(options.tenantFile) }),
    log: (line) => {
      if (!options.quiet || !line.startsWith('[outbox]')) console.log(line)
    },
  })

  const server = serve({ fetch: emulator.fetch, port: options.port, hostname: HOST }, () => {
    console.log(`Auth0 emulator (passwordless-webauth) for tenant "${emulator.tenant.name}" at ${issuer}`)
    console.log(`  Outbox:        ${issuer}/__emulator/outbox.html  (JSON: ${issuer}/__emulator/outbox)`)
    console.log(`  Tenant logs:   ${issuer}/__emulator/logs?q=type:depnote`)
    console.log(`  Settings:      ${issuer}/__emulator/settings`)
    console.log(`  OpenID config: ${issuer}/.well-known/openid-configuration`)
    console.log(
      `  Enforce client authentication for passwordless connections: ${emulator.settings.enforceClientAuthForPasswordless ? 'on' : 'off'}`,
    )
    console.log('Emulator only: not a production service. Press Ctrl+C to stop.')
  })
  server.on('error', (error) => {
    console.error(`The emulator could not listen on ${HOST}:${options.port}: ${error.message}`)
    process.exitCode = 1
  })

  stopOnSignal(server, (signal) => console.log(`\n${signal}: stopping the emulator`))
}

main()
