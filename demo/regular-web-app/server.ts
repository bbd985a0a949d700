/**
 * The confidential app demo (`node --import tsx demo/regular-web-app/server.ts`, port 4402): a regular web
 * app whose backend holds the `regular-web-demo` client secret, as Auth0's migration guide asks of apps that
 * used to call `/passwordless/start` from the browser. Only node:http and this package's server entry
 * (`passwordless-webauth/server`, from source here), which also verifies ID tokens and runs the second
 * step of an MFA login. PORT, EMULATOR_ORIGIN and CLIENT_SECRET can be changed.
 */
import { createServer } from 'node:http'
import { createRegularWebApp } from './app'
import { baseHeaders, emulatorOrigin } from './http'
import { createTenant } from './tenant'
import { stopOnSignal } from '../shared/stop-on-signal'

const HOST = '127.0.0.1'
const port = Number(process.env['PORT'] ?? 4402)
const CLIENT_ID = 'regular-web-demo'
// The demo tenant's published secret (demo/server/tenant.json); a real app reads it from its secret store.
const tenant = createTenant({
  origin: emulatorOrigin,
  clientId: CLIENT_ID,
  clientSecret: process.env['CLIENT_SECRET'] ?? 'regular-web-demo-secret',
})
const handle = createRegularWebApp({ tenant, port })

const server = createServer((request, response) => {
  handle(request, response).catch((error: unknown) => {
    console.error(`[regular-web-app] ${request.method} ${request.url} failed:`, error)
    if (!response.headersSent) {
      response.writeHead(500, baseHeaders('text/plain; charset=utf-8'))
      response.end('Internal error\n')
    }
  })
})
server.on('error', (error) => {
  console.error(`The confidential app demo could not listen on ${HOST}:${port}: ${error.message}`)
  process.exitCode = 1
})
server.listen(port, HOST, () => {
  console.log(
    `Demo confidential app at http://${HOST}:${port}/ (client ${CLIENT_ID}, tenant ${emulatorOrigin})`,
  )
})

stopOnSignal(server)
