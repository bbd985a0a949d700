/**
 * Start-up options of `npm run emulator`: flags win over environment variables, which win over tenant.json.
 * Kept apart from main.ts so that the parsing can be tested without starting a server.
 */
import { parseArgs } from 'node:util'
import { BOT_DETECTION_MODES, BOT_DETECTION_PROVIDERS } from './bot-detection'
import { HOSTED_LOGIN_PAGES } from './tenant'
import type { SettingsPatch } from './tenant'

export interface CliOptions {
  /** 0 asks the system for a free port; the emulator prints the one it got. */
  port: number
  tenantFile?: string
  settings: SettingsPatch
  quiet: boolean
  /** HTTPS mode: off, on with a certificate made at start, or on with the given certificate and key files. */
  https: false | { certFile: string; keyFile: string } | 'generate'
}

export const USAGE = `Usage: npm run emulator -- [options]

  --port <n>                     port on 127.0.0.1 (env PORT, default 4400; 0 picks a free one)
  --https                        serve HTTPS with a certificate made at start (env HTTPS=true)
  --cert <file> --key <file>     serve HTTPS with this PEM certificate and key
                                 (env HTTPS_CERT_FILE, HTTPS_KEY_FILE)
  --tenant <file>                another tenant file (env TENANT_FILE, default demo/server/tenant.json)
  --enforce-client-auth          refuse unauthenticated /passwordless/start of confidential apps (default)
  --no-enforce-client-auth       allow them, with a depnote log entry (env ENFORCE_CLIENT_AUTH=false)
  --code-length <n>              digits per code (env CODE_LENGTH, default 6)
  --code-lifetime <seconds>      code and link lifetime (env CODE_LIFETIME_SECONDS, default 180)
  --max-attempts <n>             wrong attempts before a code dies (env MAX_ATTEMPTS, default 3)
  --rate-limit <n>               /passwordless/start bucket size per IP (env RATE_LIMIT, default 50)
  --rate-limit-refill <n>        tokens added per hour (env RATE_LIMIT_REFILL_PER_HOUR, default 50)
  --authenticated-rate-limit <n> the tenant's bucket of starts with the client secret
                                 (env AUTHENTICATED_RATE_LIMIT, default 300)
  --authenticated-rate-limit-refill <n>
                                 its tokens added per hour
                                 (env AUTHENTICATED_RATE_LIMIT_REFILL_PER_HOUR, default 18000)
  --login-page <page>            the hosted login page: demo, template-auth0-js or template-passwordless-webauth
                                 (env LOGIN_PAGE, default demo)
  --bot-detection <mode>         captcha for the hosted page's starts: never, risky or always
                                 (env BOT_DETECTION, default never)
  --bot-detection-provider <p>   auth0 (an image) or stand-in (the offline widget)
                                 (env BOT_DETECTION_PROVIDER, default auth0)
  --no-signups                   refuse logins of unknown people (env SIGNUPS_ALLOWED=false)
  --mfa-users <list>             comma-separated emails/phones that get mfa_required (env MFA_USERS)
  --quiet                        do not print outbox messages (env QUIET=true)
  --help                         this text`

/**
 * @throws Error naming the flag or variable whose value is invalid.
 */
export function parseCliOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): CliOptions {
  const { values } = parseArgs({
    args: [...argv],
    allowNegative: true,
    strict: true,
    options: {
      port: { type: 'string' },
      https: { type: 'boolean' },
      cert: { type: 'string' },
      key: { type: 'string' },
      tenant: { type: 'string' },
      'enforce-client-auth': { type: 'boolean' },
      'code-length': { type: 'string' },
      'code-lifetime': { type: 'string' },
      'max-attempts': { type: 'string' },
      'rate-limit': { type: 'string' },
      'rate-limit-refill': { type: 'string' },
      'authenticated-rate-limit': { type: 'string' },
      'authenticated-rate-limit-refill': { type: 'string' },
      'login-page': { type: 'string' },
      'bot-detection': { type: 'string' },
      'bot-detection-provider': { type: 'string' },
      signups: { type: 'boolean' },
      'mfa-users': { type: 'string' },
      quiet: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  })
  if (values.help === true) throw new Error(USAGE)

  const settings: SettingsPatch = {}
  const integer = (flag: string, flagValue: string | undefined, variable: string): number | undefined => {
    const raw = flagValue ?? env[variable]
    if (raw === undefined || raw === '') return undefined
    const parsed = Number(raw)
    if (!Number.isInteger(parsed) || parsed < 0) {
      throw new Error(`--${flag} / ${variable} must be a whole number, got "${raw}"`)
    }
    return parsed
  }
  const boolean = (flagValue: boolean | undefined, variable: string): boolean | undefined => {
    if (flagValue !== undefined) return flagValue
    const raw = env[variable]?.toLowerCase()
    if (raw === undefined || raw === '') return undefined
    if (['true', '1', 'yes', 'on'].includes(raw)) return true
    if (['false', '0', 'no', 'off'].includes(raw)) return false
    throw new Error(`${variable} must be true or false, got "${env[variable]}"`)
  }
  const choice = <T extends string>(
    flag: string,
    flagValue: string | undefined,
    variable: string,
    allowed: readonly T[],
  ): T | undefined => {
    const raw = flagValue ?? env[variable]
    if (raw === undefined || raw === '') return undefined
    if (!(allowed as readonly string[]).includes(raw)) {
      throw new Error(`--${flag} / ${variable} must be one of ${allowed.join(', ')}, got "${raw}"`)
    }
    return raw as T
  }
  const assign = <K extends keyof SettingsPatch>(name: K, value: SettingsPatch[K] | undefined): void => {
    if (value !== undefined) settings[name] = value
  }

  assign('enforceClientAuthForPasswordless', boolean(values['enforce-client-auth'], 'ENFORCE_CLIENT_AUTH'))
  assign('codeLength', integer('code-length', values['code-length'], 'CODE_LENGTH'))
  assign('codeLifetimeSeconds', integer('code-lifetime', values['code-lifetime'], 'CODE_LIFETIME_SECONDS'))
  assign('maxAttempts', integer('max-attempts', values['max-attempts'], 'MAX_ATTEMPTS'))
  assign('startRateLimitBucketSize', integer('rate-limit', values['rate-limit'], 'RATE_LIMIT'))
  assign(
    'startRateLimitRefillPerHour',
    integer('rate-limit-refill', values['rate-limit-refill'], 'RATE_LIMIT_REFILL_PER_HOUR'),
  )
  assign(
    'authenticatedRateLimitBucketSize',
    integer('authenticated-rate-limit', values['authenticated-rate-limit'], 'AUTHENTICATED_RATE_LIMIT'),
  )
  assign(
    'authenticatedRateLimitRefillPerHour',
    integer(
      'authenticated-rate-limit-refill',
      values['authenticated-rate-limit-refill'],
      'AUTHENTICATED_RATE_LIMIT_REFILL_PER_HOUR',
    ),
  )
  assign('signupsAllowed', boolean(values.signups, 'SIGNUPS_ALLOWED'))
  assign('hostedLoginPage', choice('login-page', values['login-page'], 'LOGIN_PAGE', HOSTED_LOGIN_PAGES))
  assign(
    'botDetection',
    choice('bot-detection', values['bot-detection'], 'BOT_DETECTION', BOT_DETECTION_MODES),
  )
  assign(
    'botDetectionProvider',
    choice(
      'bot-detection-provider',
      values['bot-detection-provider'],
      'BOT_DETECTION_PROVIDER',
      BOT_DETECTION_PROVIDERS,
    ),
  )
  const mfaUsers = values['mfa-users'] ?? env['MFA_USERS']
  if (mfaUsers !== undefined) {
    assign(
      'usersRequiringMfa',
      mfaUsers
        .split(',')
        .map((entry) => entry.trim())
        .filter((entry) => entry !== ''),
    )
  }

  const port = integer('port', values.port, 'PORT') ?? 4400
  if (port > 65_535) throw new Error(`--port / PORT must be between 0 and 65535, got ${port}`)
  const tenantFile = values.tenant ?? env['TENANT_FILE']
  return {
    port,
    settings,
    quiet: boolean(values.quiet, 'QUIET') ?? false,
    https: httpsOption(
      boolean(values.https, 'HTTPS'),
      values.cert ?? nonEmpty(env['HTTPS_CERT_FILE']),
      values.key ?? nonEmpty(env['HTTPS_KEY_FILE']),
    ),
    ...(tenantFile === undefined || tenantFile === '' ? {} : { tenantFile }),
  }
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === '' ? undefined : value
}

/** A certificate and its key come together, and mean HTTPS unless HTTPS is explicitly off. */
function httpsOption(
  https: boolean | undefined,
  certFile: string | undefined,
  keyFile: string | undefined,
): CliOptions['https'] {
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new Error('--cert / HTTPS_CERT_FILE and --key / HTTPS_KEY_FILE go together: give both or neither')
  }
  if (certFile !== undefined && keyFile !== undefined) {
    if (https === false) throw new Error('--cert and --key serve HTTPS, but HTTPS is set to false')
    return { certFile, keyFile }
  }
  return https === true ? 'generate' : false
}
