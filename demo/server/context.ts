/**
 * The emulator's state, shared by every route: tenant, settings, clock, randomness, and the stores of codes,
 * transactions, tickets, authorization codes, users, messages and logs.
 */
import { randomBytes as nodeRandomBytes } from 'node:crypto'
import { fileURLToPath } from 'node:url'
import type { AuthorizeParams } from './authorization'
import { BotDetection } from './bot-detection'
import { BruteForceGuard } from './brute-force'
import { CodeStore } from './codes'
import { ExpiringStore } from './expiring-store'
import { TenantLogs } from './logs'
import { Outbox } from './outbox'
import { TokenBucketLimiter } from './rate-limit'
import { MfaEnrollments } from './mfa/enrollments'
import type { MfaTokenRecord, OobChallenge } from './mfa/sessions'
import { loadTenant } from './tenant'
import type { Settings, Tenant, TenantOverrides } from './tenant'
import { SigningKeys } from './tokens'
import { UserStore } from './users'
import type { User } from './users'

export const DEFAULT_ISSUER = 'http://127.0.0.1:4400'

export interface EmulatorOptions {
  /** The server's own origin; ID tokens carry it with a trailing slash as `iss`. @defaultValue http://127.0.0.1:4400 */
  issuer?: string
  /** Changes to `tenant.json`: top-level parts replaced, `settings` merged key by key. */
  tenant?: TenantOverrides
  /** Another tenant file instead of `demo/server/tenant.json`. */
  tenantFile?: string | URL
  /** Milliseconds since the epoch. @defaultValue Date.now */
  clock?: () => number
  /** Where outbox lines and notices go. Tests pass a silent one. @defaultValue console.log */
  log?: (line: string) => void
  /** Source of random bytes for ids, tickets, codes of exchange. Codes sent to people always use crypto.randomInt. */
  randomBytes?: (size: number) => Uint8Array
  /** The SDK's UMD bundle served at `/sdk/passwordless-webauth.umd.min.js`. @defaultValue dist/ of this repository */
  sdkBundlePath?: string
  /** auth0.js's UMD bundle, for the template login page. @defaultValue auth0-js in node_modules */
  auth0JsPath?: string
}

/** A login started by `GET /authorize` and finished by the hosted page (its id is the page's `state`). */
export interface LoginTransaction {
  id: string
  clientId: string
  /** The app's authorize parameters, its own `state` included: where and how the login ends. */
  authorize: AuthorizeParams
  csrf: string
  /** The login cookie of the browser that opened `/authorize` (see login-cookie.ts). */
  browserCookie: string
  /** The app's other authorize parameters (prompt, ui_locales, ...), forwarded to the page. */
  extraParams: Record<string, string>
}

export interface LoginTicket {
  clientId: string
  user: User
  /** The session cookie set with the ticket: only the browser that carries it redeems the ticket. */
  session: string
}

/** What an authorization code stands for: the login's user and the parameters its exchange must match. */
export interface AuthorizationCode extends Pick<
  AuthorizeParams,
  'redirectUri' | 'scope' | 'nonce' | 'audience' | 'codeChallenge' | 'codeChallengeMethod'
> {
  clientId: string
  user: User
}

export interface EmulatorContext {
  readonly issuer: string
  readonly tenant: Tenant
  settings: Settings
  readonly startSettings: Readonly<Settings>
  now(): number
  /** Moves the emulator's clock forward (never back) by this many milliseconds. */
  advanceClock(ms: number): void
  resetClock(): void
  /** An unguessable id: base64url of `bytes` random bytes. */
  randomId(bytes?: number): string
  log(line: string): void
  readonly outbox: Outbox
  readonly logs: TenantLogs
  readonly codes: CodeStore
  readonly bruteForce: BruteForceGuard
  /** E5: the per-IP bucket of `/passwordless/start`. */
  readonly limiter: TokenBucketLimiter
  /** E21: the tenant-wide bucket of starts authenticated with the client secret. */
  readonly authenticatedLimiter: TokenBucketLimiter
  /** E28-E31: starts counted per address, captcha answers waiting for their check, stand-in tokens. */
  readonly botDetection: BotDetection
  readonly users: UserStore
  readonly keys: SigningKeys
  readonly transactions: ExpiringStore<LoginTransaction>
  /** The login cookies the emulator issued and that are still live. */
  readonly browserSessions: ExpiringStore<true>
  readonly tickets: ExpiringStore<LoginTicket>
  readonly authorizationCodes: ExpiringStore<AuthorizationCode>
  /** E23: the logins waiting for their second factor, by `mfa_token`. */
  readonly mfaTokens: ExpiringStore<MfaTokenRecord>
  /** The authenticators users enrolled (seeded from tenant.json). */
  readonly mfa: MfaEnrollments
  /** Out-of-band challenges (a texted code, a push) by `oob_code`. */
  readonly oobChallenges: ExpiringStore<OobChallenge>
  /** E24: failed second-factor attempts per user, Auth0's bucket of ten refilled one every six minutes. */
  readonly mfaAttempts: TokenBucketLimiter
  readonly universalLoginDir: string
  readonly sdkBundlePath: string
  readonly auth0JsPath: string
}

export function createContext(options: EmulatorOptions): EmulatorContext {
  const issuer = new URL(options.issuer ?? DEFAULT_ISSUER).origin
  const tenant = loadTenant(options.tenant, options.tenantFile)
  const clock = options.clock ?? Date.now
  const random = options.randomBytes ?? ((size: number) => new Uint8Array(nodeRandomBytes(size)))
  let offsetMs = 0
  const now = (): number => clock() + offsetMs
  const randomId = (bytes = 16): string => Buffer.from(random(bytes)).toString('base64url')
  const log = options.log ?? ((line: string) => console.log(line))

  const users = new UserStore()
  const mfa = new MfaEnrollments()
  seedUsers(users, mfa, tenant)
  const context: EmulatorContext = {
    issuer,
    tenant,
    settings: { ...tenant.settings },
    startSettings: Object.freeze({ ...tenant.settings }),
    now,
    advanceClock: (ms) => {
      offsetMs += Math.max(0, ms)
    },
    resetClock: () => {
      offsetMs = 0
    },
    randomId,
    log,
    outbox: new Outbox(now, () => randomId(12), log),
    logs: new TenantLogs(now, () => randomId(12)),
    codes: new CodeStore(now),
    bruteForce: new BruteForceGuard(now, () => ({
      threshold: context.settings.bruteForceThreshold,
      blockSeconds: context.settings.bruteForceBlockSeconds,
    })),
    limiter: new TokenBucketLimiter(now, () => ({
      size: context.settings.startRateLimitBucketSize,
      refillPerHour: context.settings.startRateLimitRefillPerHour,
    })),
    authenticatedLimiter: new TokenBucketLimiter(now, () => ({
      size: context.settings.authenticatedRateLimitBucketSize,
      refillPerHour: context.settings.authenticatedRateLimitRefillPerHour,
    })),
    botDetection: new BotDetection(now),
    users,
    keys: new SigningKeys(),
    transactions: new ExpiringStore(now),
    browserSessions: new ExpiringStore(now),
    tickets: new ExpiringStore(now),
    authorizationCodes: new ExpiringStore(now),
    mfaTokens: new ExpiringStore(now),
    mfa,
    oobChallenges: new ExpiringStore(now),
    mfaAttempts: new TokenBucketLimiter(now, () => ({ size: 10, refillPerHour: 10 })),
    universalLoginDir: fileURLToPath(new URL('../universal-login/', import.meta.url)),
    sdkBundlePath:
      options.sdkBundlePath ??
      fileURLToPath(new URL('../../dist/passwordless-webauth.umd.min.js', import.meta.url)),
    auth0JsPath:
      options.auth0JsPath ??
      fileURLToPath(new URL('../../node_modules/auth0-js/dist/auth0.min.js', import.meta.url)),
  }
  return context
}

/** Empties every store and restores the settings and clock the emulator started with; keys stay. */
export function resetContext(context: EmulatorContext): void {
  context.settings = { ...context.startSettings }
  context.resetClock()
  context.outbox.clear()
  context.logs.clear()
  context.codes.clear()
  context.bruteForce.clear()
  context.limiter.clear()
  context.authenticatedLimiter.clear()
  context.botDetection.clear()
  context.transactions.clear()
  context.browserSessions.clear()
  context.tickets.clear()
  context.authorizationCodes.clear()
  context.mfaTokens.clear()
  context.oobChallenges.clear()
  context.mfaAttempts.clear()
  context.users.clear()
  context.mfa.clear()
  seedUsers(context.users, context.mfa, context.tenant)
}

/** The tenant file's users, each with the authenticators it declares (recovery codes as the file has them). */
function seedUsers(users: UserStore, mfa: MfaEnrollments, tenant: Tenant): void {
  for (const seed of tenant.users) {
    const seeded = [
      seed.email === undefined ? undefined : users.add('email', seed.email.trim().toLowerCase()),
      seed.phone_number === undefined ? undefined : users.add('sms', seed.phone_number.trim()),
    ]
    for (const user of seeded)
      if (user !== undefined && seed.mfa !== undefined) mfa.enroll(user.userId, seed.mfa)
  }
}
