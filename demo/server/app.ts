/**
 * The emulator as a fetch handler: `createEmulator()` builds the whole app in-process, so tests can call it
 * through an injected `fetch` and `main.ts` can serve it on a port.
 *
 * @example
 * const emulator = createEmulator({ log: () => {} })
 * const fetch = (input: RequestInfo | URL, init?: RequestInit) => emulator.fetch(new Request(input, init))
 */
import { Hono } from 'hono'
import { createContext, resetContext } from './context'
import type { EmulatorContext, EmulatorOptions } from './context'
import { limitBodySize } from './guards/body-limit'
import { acceptBodyTypes } from './guards/content-types'
import { checkHost } from './guards/host-check'
import { clientAddress, securityHeaders } from './http'
import type { AppEnv } from './http'
import type { TenantLogs } from './logs'
import type { Outbox } from './outbox'
import { Problem } from './problem'
import { answerJson, answerRefusal } from './refusals'
import { registerAssets } from './routes/assets'
import { registerAuthorize } from './routes/authorize'
import { registerCoAuthenticate } from './routes/co-authenticate'
import { registerEmulatorRoutes } from './routes/emulator'
import { registerPasswordlessChallenge } from './routes/passwordless-challenge'
import { registerMfa } from './routes/mfa'
import { registerPasswordlessStart } from './routes/passwordless-start'
import { registerPasswordlessVerify } from './routes/passwordless-verify'
import { registerToken } from './routes/token'
import { registerWellKnown } from './routes/well-known'
import type { Settings, Tenant } from './tenant'
import type { UserStore } from './users'

export type { EmulatorOptions } from './context'
export { TEST_CLIENT_IP_HEADER } from './http'

export interface Emulator {
  /** Handles one request. `env` is the Node adapter's bindings; in-process callers leave it out. */
  fetch(request: Request, env?: unknown): Promise<Response>
  /** The server's origin, without a trailing slash. */
  readonly issuer: string
  readonly tenant: Tenant
  /** The live settings: assign to a field to change it at once. */
  readonly settings: Settings
  readonly outbox: Outbox
  readonly logs: TenantLogs
  readonly users: UserStore
  /** Empties outbox, logs, rate limits, codes, transactions, tickets and users; restores settings and clock. */
  reset(): void
  /** Moves the clock forward, as `POST /__emulator/clock` does. */
  advanceClock(seconds: number): void
  /** The state behind the routes, for tests that need to look deeper. */
  readonly context: EmulatorContext
}

export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const context = createContext(options)
  const app = new Hono<AppEnv>()
  app.use('*', securityHeaders)
  // Before any route: the host (DNS rebinding), then the body's size, then its type.
  app.use('*', checkHost(context.issuer))
  app.use('*', clientAddress)
  app.use('*', limitBodySize)
  app.use('*', acceptBodyTypes)
  registerPasswordlessStart(app, context)
  registerPasswordlessVerify(app, context)
  registerCoAuthenticate(app, context)
  registerAuthorize(app, context)
  registerToken(app, context)
  registerWellKnown(app, context)
  registerEmulatorRoutes(app, context)
  // After the emulator routes: their same-origin guard holds the captcha aids under /__emulator too.
  registerPasswordlessChallenge(app, context)
  // After the emulator's routes, whose guard of /__emulator/* writes must run before the MFA aids' own.
  registerMfa(app, context)
  registerAssets(app, context)
  app.get('/', (c) => c.redirect('/__emulator', 302))
  // Browsers ask every origin for an icon; an empty answer keeps a 404 out of their consoles.
  app.get('/favicon.ico', (c) => c.body(null, 204))
  // hono calls this outside its error handling, so it answers instead of throwing.
  app.notFound((c) =>
    answerJson(c, new Problem(404, 'not_found', `${c.req.method} ${c.req.path} is not emulated`)),
  )
  // Every refusal, from a guard, a route or a module they call, is answered here (refusals.ts).
  app.onError((error, c) => {
    if (error instanceof Problem) return answerRefusal(c, error)
    // An emulator bug: JSON on every route, browser routes included, with the details on the console.
    context.log(`[emulator] ${c.req.method} ${c.req.path} failed: ${error.stack ?? String(error)}`)
    const failure = 'The emulator failed to handle this request; see its console'
    return answerJson(c, new Problem(500, 'server_error', failure))
  })

  return {
    fetch: async (request, env) => app.fetch(request, env as AppEnv['Bindings'] | undefined),
    issuer: context.issuer,
    tenant: context.tenant,
    get settings() {
      return context.settings
    },
    outbox: context.outbox,
    logs: context.logs,
    users: context.users,
    reset: () => resetContext(context),
    advanceClock: (seconds) => context.advanceClock(seconds * 1000),
    context,
  }
}
