/**
 * `npm run emulator`: serves the emulator on 127.0.0.1 (port 4400 unless PORT or --port says otherwise; 0 for
 * any free port), over plain HTTP or, with --https, over TLS; prints its URLs, and shuts down cleanly on
 * SIGINT / SIGTERM.
 */
import { createServer as createHttpsServer } from 'node:https'
import { resolve } from 'node:path'
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createEmulator } from './app'
import type { Emulator } from './app'
import { stopOnSignal } from '../shared/stop-on-signal'
import { USAGE, parseCliOptions } from './cli-options'
import type { CliOptions } from './cli-options'
import { describeHttps, prepareHttps } from './tls/https-setup'
import type { HttpsSetup } from './tls/https-setup'

const HOST = '127.0.0.1'

function main(): void {
  let options: CliOptions
  let https: HttpsSetup | undefined
  try {
    options = parseCliOptions(process.argv.slice(2), process.env)
    https = options.https === false ? undefined : prepareHttps(options.https)
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
  if (https !== undefined) {
    const setup = https
    process.on('exit', () => setup.dispose())
  }

  // The issuer names the port, which is known only once the server listens (--port 0 picks a free one), so
  // the emulator is made in the listening callback: Node runs it before it handles any connection.
  let emulator: Emulator | undefined
  const fetch = (request: Request, env: unknown): Promise<Response> | Response =>
    emulator?.fetch(request, env) ?? new Response('The emulator is starting', { status: 503 })
  const onListening = (info: AddressInfo): void => {
    const issuer = `${https === undefined ? 'http' : 'https'}://${HOST}:${info.port}`
    try {
      emulator = createEmulator({
        issuer,
        tenant: { settings: options.settings },
        ...(options.tenantFile === undefined ? {} : { tenantFile: resolve(options.tenantFile) }),
        log: (line) => {
          if (!options.quiet || !line.startsWith('[outbox]')) console.log(line)
        },
      })
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error))
      process.exitCode = 2
      server.close()
      return
    }
    printBanner(emulator, https)
  }
  const address = { port: options.port, hostname: HOST }
  const server =
    https === undefined
      ? serve({ fetch, ...address }, onListening)
      : serve(
          {
            fetch,
            ...address,
            createServer: createHttpsServer,
            serverOptions: { key: https.credentials.privateKey, cert: https.credentials.certificate },
          },
          onListening,
        )
  server.on('error', (error) => {
    console.error(`The emulator could not listen on ${HOST}:${options.port}: ${error.message}`)
    process.exitCode = 1
  })

  stopOnSignal(server, (signal) => console.log(`\n${signal}: stopping the emulator`))
}

function printBanner(emulator: Emulator, https: HttpsSetup | undefined): void {
  const { issuer } = emulator
  console.log(`Auth0 emulator (passwordless-webauth) for tenant "${emulator.tenant.name}" at ${issuer}`)
  if (https !== undefined) for (const line of describeHttps(https)) console.log(line)
  console.log(`  Outbox:        ${issuer}/__emulator/outbox.html  (JSON: ${issuer}/__emulator/outbox)`)
  console.log(`  Tenant logs:   ${issuer}/__emulator/logs?q=type:depnote`)
  console.log(`  Settings:      ${issuer}/__emulator/settings`)
  console.log(`  OpenID config: ${issuer}/.well-known/openid-configuration`)
  console.log(
    `  Enforce client authentication for passwordless connections: ${emulator.settings.enforceClientAuthForPasswordless ? 'on' : 'off'}`,
  )
  console.log('Emulator only: not a production service. Press Ctrl+C to stop.')
}

main()
