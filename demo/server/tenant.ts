/**
 * The emulated tenant: its connections, applications (clients), seeded users and settings, read from
 * `tenant.json` and checked once at start so that a typo in the file fails loudly instead of later.
 */
import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { BOT_DETECTION_MODES, BOT_DETECTION_PROVIDERS } from './bot-detection'

/** The grant a native or regular web app needs to exchange an emailed or texted code at `/oauth/token`. */
export const PASSWORDLESS_OTP_GRANT = 'http://auth0.com/oauth/grant-type/passwordless/otp'

export const CONNECTIONS = ['email', 'sms'] as const
export type ConnectionName = (typeof CONNECTIONS)[number]

/**
 * The custom login page `/authorize` serves: the demo's own page, or the page built the way Auth0's "Custom
 * Login Form" template builds auth0.js (demo/universal-login/template.html), running auth0.js or this SDK.
 */
export const HOSTED_LOGIN_PAGES = ['demo', 'template-auth0-js', 'template-passwordless-webauth'] as const
export type HostedLoginPage = (typeof HOSTED_LOGIN_PAGES)[number]

const settingsShape = {
  enforceClientAuthForPasswordless: z.boolean(),
  codeLength: z.number().int().min(4).max(10),
  codeLifetimeSeconds: z.number().int().min(1).max(86_400),
  maxAttempts: z.number().int().min(1).max(100),
  // Auth0's brute-force threshold takes 1 to 100; a block lasts at most Auth0's 30 days.
  bruteForceThreshold: z.number().int().min(1).max(100),
  bruteForceBlockSeconds: z.number().int().min(1).max(2_592_000),
  startRateLimitBucketSize: z.number().int().min(1).max(1_000_000),
  startRateLimitRefillPerHour: z.number().min(0).max(1_000_000),
  // The tenant-wide bucket of starts authenticated with the client secret (Auth0's global limit).
  authenticatedRateLimitBucketSize: z.number().int().min(1).max(1_000_000),
  authenticatedRateLimitRefillPerHour: z.number().min(0).max(100_000_000),
  hostedLoginPage: z.enum(HOSTED_LOGIN_PAGES),
  signupsAllowed: z.boolean(),
  usersRequiringMfa: z.array(z.string()),
  loginTicketLifetimeSeconds: z.number().int().min(1).max(3600),
  authorizationCodeLifetimeSeconds: z.number().int().min(1).max(600),
  loginTransactionLifetimeSeconds: z.number().int().min(1).max(86_400),
  tokenLifetimeSeconds: z.number().int().min(1).max(2_592_000),
  // Bot detection for passwordless flows (bot-detection.ts): when a captcha is required, and which one.
  botDetection: z.enum(BOT_DETECTION_MODES),
  botDetectionProvider: z.enum(BOT_DETECTION_PROVIDERS),
  botDetectionRiskyAfter: z.number().int().min(0).max(1000),
}

/** Tenant settings; all of them can be changed at start and at run time. */
export const settingsSchema = z.strictObject(settingsShape)
export type Settings = z.infer<typeof settingsSchema>

/** A partial change of settings, as `PATCH /__emulator/settings` and `createEmulator({ tenant })` accept. */
export const settingsPatchSchema = z.strictObject(settingsShape).partial()
export type SettingsPatch = z.infer<typeof settingsPatchSchema>

const clientSchema = z.strictObject({
  clientId: z.string().min(1),
  name: z.string().min(1),
  appType: z.enum(['spa', 'regular_web', 'native']),
  clientSecret: z.string().min(1).optional(),
  callbacks: z.array(z.url()),
  webOrigins: z.array(z.url()),
  grantTypes: z.array(z.string()),
  connections: z.array(z.enum(CONNECTIONS)),
  trustTokenEndpointIpHeader: z.boolean().default(true),
  crossOriginAuthentication: z.boolean().default(false),
})
export type ClientConfig = z.infer<typeof clientSchema>

/** A seeded user's enrolled authenticators (demo/server/mfa/enrollments.ts). */
const mfaSeedSchema = z.strictObject({
  // Base32 (RFC 4648), at least 80 bits as RFC 4226 asks of a shared secret.
  totpSecret: z
    .string()
    .regex(/^[A-Z2-7]{16,}=*$/, 'a base32 secret of at least 16 characters')
    .optional(),
  smsPhoneNumber: z
    .string()
    .regex(/^\+[1-9][0-9]{1,14}$/, 'an E.164 number')
    .optional(),
  pushDevice: z.string().min(1).optional(),
  recoveryCode: z
    .string()
    .regex(/^[A-Z0-9]{8,64}$/, '8 to 64 capital letters and digits')
    .optional(),
})

const tenantSchema = z
  .strictObject({
    $comment: z.string().optional(),
    name: z.string().min(1),
    friendlyName: z.string().min(1),
    connections: z.array(
      z.strictObject({ name: z.enum(CONNECTIONS), strategy: z.enum(CONNECTIONS), enabled: z.boolean() }),
    ),
    clients: z.array(clientSchema),
    users: z.array(
      z.strictObject({
        $comment: z.string().optional(),
        email: z.string().optional(),
        phone_number: z.string().optional(),
        mfa: mfaSeedSchema.optional(),
      }),
    ),
    settings: settingsSchema,
  })
  .superRefine((tenant, ctx) => {
    for (const client of tenant.clients) {
      // A regular web app is confidential by definition: it must be able to authenticate.
      if (client.appType === 'regular_web' && client.clientSecret === undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `client "${client.clientId}" is a regular web app without a clientSecret`,
        })
      }
      if (client.appType !== 'regular_web' && client.clientSecret !== undefined) {
        ctx.addIssue({
          code: 'custom',
          message: `client "${client.clientId}" is public and must not have a clientSecret`,
        })
      }
    }
  })
export type Tenant = z.infer<typeof tenantSchema>

/** What `createEmulator({ tenant })` accepts: any top-level part replaced, settings merged key by key. */
export interface TenantOverrides {
  name?: string
  friendlyName?: string
  connections?: Tenant['connections']
  clients?: z.input<typeof clientSchema>[]
  users?: Tenant['users']
  settings?: SettingsPatch
}

const defaultTenantFile = new URL('./tenant.json', import.meta.url)

/**
 * Reads and checks a tenant file, then applies overrides.
 * @throws Error naming the file and every invalid field.
 */
export function loadTenant(overrides: TenantOverrides = {}, file: URL | string = defaultTenantFile): Tenant {
  const raw: unknown = JSON.parse(readFileSync(file, 'utf8'))
  const base = tenantSchema.safeParse(raw)
  if (!base.success) throw new Error(`Invalid tenant file ${String(file)}: ${z.prettifyError(base.error)}`)
  const merged = { ...base.data, ...overrides, settings: { ...base.data.settings, ...overrides.settings } }
  const result = tenantSchema.safeParse(merged)
  if (!result.success) throw new Error(`Invalid tenant overrides: ${z.prettifyError(result.error)}`)
  return result.data
}

/** The client with this id, or undefined. */
export function findClient(tenant: Tenant, clientId: unknown): ClientConfig | undefined {
  if (typeof clientId !== 'string') return undefined
  return tenant.clients.find((client) => client.clientId === clientId)
}

/** Regular web apps are confidential; single-page and native apps are public. */
export function isConfidential(client: ClientConfig): boolean {
  return client.appType === 'regular_web'
}

/** E10: a redirect URI is accepted only when it equals a registered callback exactly. */
export function isRegisteredCallback(client: ClientConfig, redirectUri: unknown): redirectUri is string {
  return typeof redirectUri === 'string' && client.callbacks.includes(redirectUri)
}

/** E10: CORS is granted only to the exact origins registered for the client. */
export function isRegisteredWebOrigin(client: ClientConfig, origin: string | undefined): origin is string {
  return origin !== undefined && client.webOrigins.some((registered) => new URL(registered).origin === origin)
}

/** Whether a connection exists, is enabled, and is enabled for this client. */
export function connectionState(
  tenant: Tenant,
  client: ClientConfig,
  name: string,
): 'ok' | 'missing' | 'disabled' {
  const connection = tenant.connections.find((candidate) => candidate.name === name)
  if (connection === undefined) return 'missing'
  if (!connection.enabled || !client.connections.includes(connection.name)) return 'disabled'
  return 'ok'
}
