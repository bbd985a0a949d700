import type { WebAuthOptions } from '../api/types'
import { sdkError } from '../core/errors'
import { base64DecodeUtf8 } from '../lib/encoding'
import { withoutUndefined } from '../lib/json'
import { lazy } from '../lib/lazy'
import { boolean, paramsObject, string, z } from './field-rules'
import { snapshot } from './snapshot'
import { parseOrThrow } from './validation'

/** The rules of the fields of `@@config@@` the SDK uses; the page's other fields are allowed and ignored. */
export const configSchema = /* @__PURE__ */ lazy(() =>
  z.object({
    auth0Domain: string(),
    clientID: string(),
    callbackURL: z.optional(string()),
    callbackOnLocationHash: z.optional(boolean()),
    authorizationServer: z.optional(z.object({ url: z.optional(string()) })),
    internalOptions: z.optional(paramsObject()),
  }),
)

function decodeConfig(config: unknown): unknown {
  if (typeof config !== 'string') return config
  try {
    // Base64 of UTF-8 JSON: decoded byte-wise, so names and addresses outside ASCII survive.
    return JSON.parse(base64DecodeUtf8(config.trim()))
  } catch (cause) {
    throw sdkError('invalid_options', 'Invalid Universal Login config.', {
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
    ...withoutUndefined({
      redirectUri: parsed.callbackURL,
      responseMode: parsed.callbackOnLocationHash ? ('fragment' as const) : undefined,
      internalOptions: parsed.internalOptions,
    }),
    hostedPage: true,
    ...overrides,
  }
}
