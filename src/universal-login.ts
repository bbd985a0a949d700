import { compact } from './compact'
import { base64DecodeUtf8 } from './encoding'
import { WebAuthError } from './errors'
import type { WebAuthOptions } from './options'
import { lazy } from './lazy'
import { snapshot } from './snapshot'
import { parseOrThrow } from './validation'
import { boolean, paramsObject, string, z } from './zod'

// The fields of @@config@@ the SDK uses; the page's other fields are allowed and ignored.
const configSchema = /* @__PURE__ */ lazy(() =>
  z.looseObject({
    auth0Domain: string(),
    clientID: string(),
    callbackURL: z.optional(string()),
    callbackOnLocationHash: z.optional(boolean()),
    authorizationServer: z.optional(z.looseObject({ url: z.optional(string()) })),
    internalOptions: z.optional(paramsObject()),
  }),
)

/**
 * The decoded `@@config@@` of a Universal Login custom page, as far as the SDK reads it.
 * @interface
 */
export type UniversalLoginConfig = z.input<ReturnType<typeof configSchema>>

function decodeConfig(config: unknown): unknown {
  if (typeof config !== 'string') return config
  try {
    // Base64 of UTF-8 JSON: decoded byte-wise, so names and addresses outside ASCII survive.
    return JSON.parse(base64DecodeUtf8(config.trim()))
  } catch (cause) {
    throw new WebAuthError('invalid_options', 'Invalid Universal Login config.', {
      cause,
    })
  }
}

/**
 * Reads a Universal Login custom page's `@@config@@` into `WebAuth` options: the tenant from
 * `authorizationServer.url` (or `auth0Domain`), the client from `clientID`, the redirect from
 * `callbackURL`, `internalOptions` forwarded whole, and hosted-page mode on.
 *
 * @throws WebAuthError `invalid_options` naming the field
 */
export function universalLoginOptions(
  config: unknown,
  overrides: Partial<WebAuthOptions> = {},
): WebAuthOptions {
  const parsed = parseOrThrow(
    configSchema(),
    // The whole config is read once and refused if it carries a secret anywhere, used fields or not.
    snapshot(decodeConfig(config), 'config', 'invalid_options'),
    'invalid_options',
    'the Universal Login config',
  )
  return {
    domain: parsed.authorizationServer?.url ?? parsed.auth0Domain,
    clientID: parsed.clientID,
    ...compact({
      redirectUri: parsed.callbackURL,
      responseMode: parsed.callbackOnLocationHash ? ('fragment' as const) : undefined,
      internalOptions: parsed.internalOptions,
    }),
    hostedPage: true,
    ...overrides,
  }
}
