import type { HeadersOption } from '../api/types'
import { lazy } from '../lib/lazy'
import { boolean, func, oneOf, paramsObject, satisfying, text, z } from './field-rules'
import { isHeadersOption } from './headers'

export const isInteger = (min: number, max: number) => (value: unknown) =>
  Number.isInteger(value) && (value as number) >= min && (value as number) <= max

/** The rules of {@link WebAuthOptions}, one per option; any other option is refused. */
export const optionsSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    domain: text(),
    clientID: z.optional(text()),
    clientId: z.optional(text()),
    redirectUri: z.optional(text()),
    responseType: z.optional(oneOf(['code', 'token', 'id_token', 'id_token token', 'token id_token'])),
    responseMode: z.optional(oneOf(['query', 'fragment'])),
    scope: z.optional(text()),
    audience: z.optional(text()),
    state: z.optional(text()),
    nonce: z.optional(text()),
    leeway: z.optional(satisfying<number>(isInteger(0, 300), 'must be 0 to 300 seconds')),
    internalOptions: z.optional(paramsObject()),
    fetch: z.optional(func<typeof fetch>()),
    timeout: z.optional(satisfying<number>(isInteger(1, 2 ** 31 - 1), 'must be a positive integer')),
    telemetry: z.optional(boolean()),
    headers: z.optional(
      satisfying<HeadersOption>(isHeadersOption, 'must be an object, pairs, a Headers or a Map'),
    ),
    navigate: z.optional(func<(url: string) => void>()),
    hostedPage: z.optional(boolean()),
    codeLogin: z.optional(oneOf(['cross_origin', 'verify_redirect'])),
  }),
)
