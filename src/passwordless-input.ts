import type { AuthParams } from './authorize-params'
import { isSafeReturnTo } from './authorize-params'
import { lazy } from './lazy'
import { parseOrThrow } from './validation'
import { func, oneOf, paramsObject, satisfying, string, trimmedMatching, z } from './zod'

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9][0-9]{1,14}$/
/** One @, no spaces, a dot in the domain: what a mail server can route; the server checks the rest. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

/** The `connection` of one schema; the rule names both, since the schema is picked by this value. */
const connectionIs = <T extends 'email' | 'sms'>(connection: T) =>
  satisfying<T>((value) => value === connection, 'must be "email" or "sms"')

// The fields shared by the schemas below, built on first use (see lazy.ts).
const fields = /* @__PURE__ */ lazy(() => ({
  email: trimmedMatching(EMAIL, 'must be a valid email address'),
  phoneNumber: trimmedMatching(E164, 'must be an E.164 number like +15555550123'),
  authParams: z.optional(paramsObject()),
  signal: z.optional(
    satisfying<AbortSignal>(
      (value) => typeof AbortSignal !== 'undefined' && value instanceof AbortSignal,
      'must be an AbortSignal',
    ),
  ),
  returnTo: z.optional(
    satisfying<string>(
      (value) => typeof value === 'string' && isSafeReturnTo(value),
      'must be a relative path like /account',
    ),
  ),
  appState: z.optional(satisfying<unknown>(() => true, '')),
}))

// One schema per connection, picked by a table rather than a discriminated union: the
// same field-naming errors at a fraction of the bundle size.
const startSchemas = /* @__PURE__ */ lazy(() => {
  const { email, phoneNumber, authParams, signal, returnTo, appState } = fields()
  const captcha = z.optional(string())
  return {
    email: z.strictObject({
      connection: connectionIs('email'),
      email,
      send: z.optional(oneOf(['link', 'code'])),
      authParams,
      captcha,
      signal,
      returnTo,
      appState,
    }),
    sms: z.strictObject({
      connection: connectionIs('sms'),
      phoneNumber,
      // Links are sent by email only.
      send: z.optional(oneOf(['code'])),
      authParams,
      captcha,
      signal,
    }),
  }
})

const loginSchemas = /* @__PURE__ */ lazy(() => {
  const { email, phoneNumber, authParams, signal, returnTo, appState } = fields()
  const verificationCode = trimmedMatching(/^[0-9]{4,10}$/, 'must be 4 to 10 digits')
  const onRedirecting = z.optional(func<(done: () => void) => void>())
  const common = { verificationCode, authParams, signal, returnTo, appState, onRedirecting }
  return {
    email: z.strictObject({ connection: connectionIs('email'), email, ...common }),
    sms: z.strictObject({ connection: connectionIs('sms'), phoneNumber, ...common }),
  }
})

type Parsed<Schemas extends Record<'email' | 'sms', z.ZodMiniType>> =
  z.output<Schemas['email']> | z.output<Schemas['sms']>

function parseByConnection<Schemas extends Record<'email' | 'sms', z.ZodMiniType>>(
  schemas: Schemas,
  input: unknown,
): Parsed<Schemas> {
  // Anything but "sms" is checked by the email schema, whose `connection` rule names both values.
  const connection = (input as { connection?: unknown } | null)?.connection === 'sms' ? 'sms' : 'email'
  return parseOrThrow(schemas[connection], input, 'invalid_input', 'options') as Parsed<Schemas>
}

/**
 * Validates the options of `passwordlessStart`.
 *
 * @throws WebAuthError `invalid_input` naming the field
 */
export const parseStartOptions = (input: unknown) => parseByConnection(startSchemas(), input)

/**
 * Validates the options of `passwordlessLogin`.
 *
 * @throws WebAuthError `invalid_input` naming the field
 */
export const parseLoginOptions = (input: unknown) => parseByConnection(loginSchemas(), input)

/** Options every call takes. @inline */
interface CommonOptions {
  /** Authorize parameters for this call only; they take precedence over the constructor's. */
  authParams?: AuthParams
  /** Cancels the call. */
  signal?: AbortSignal
}

/** What a login that leaves the page hands back to the app. @inline */
interface RedirectOptions {
  /** A same-origin relative path handed back by `handleRedirectCallback` after login. */
  returnTo?: string
  /** Any JSON data handed back by `handleRedirectCallback` after login. */
  appState?: unknown
}

/** Options of `passwordlessStart`: an email code, an email link (the default `send`), or an SMS code. */
export type PasswordlessStartOptions =
  | (CommonOptions &
      RedirectOptions & {
        connection: 'email'
        /** The person's email address; leading and trailing spaces are trimmed. */
        email: string
        /** @defaultValue `'link'`, as the API does */
        send?: 'link' | 'code'
        /** A captcha answer, when the tenant asks for one. */
        captcha?: string
      })
  | (CommonOptions & {
      connection: 'sms'
      /** The person's phone number in E.164 form (`+15555550123`). */
      phoneNumber: string
      /** Only `code`: links are sent by email only. */
      send?: 'code'
      /** A captcha answer, when the tenant asks for one. */
      captcha?: string
    })

/** The options of `passwordlessLogin` besides the person's address or number. @inline */
interface LoginCommon extends CommonOptions, RedirectOptions {
  /** The code the person received: 4 to 10 digits. */
  verificationCode: string
  /** Called before the page is left; call `done` to continue (as in auth0.js). */
  onRedirecting?: (done: () => void) => void
}

/** Options of `passwordlessLogin`. */
export type PasswordlessLoginOptions =
  | (LoginCommon & { connection: 'email'; email: string })
  | (LoginCommon & { connection: 'sms'; phoneNumber: string })
