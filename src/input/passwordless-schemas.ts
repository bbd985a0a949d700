import { lazy } from '../lib/lazy'
import { func, oneOf, paramsObject, satisfying, string, text, trimmedMatching, z } from './field-rules'
import { isSafeReturnTo } from './return-to'
import { isAbortSignal } from './snapshot'
import { parseOrThrow } from './validation'

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9][0-9]{1,14}$/
/** One @, no spaces, a dot in the domain: what a mail server can route; the server checks the rest. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

/** The `connection` of one schema; the rule names both, since the schema is picked by this value. */
export const connectionIs = <T extends 'email' | 'sms'>(connection: T) =>
  satisfying<T>((value) => value === connection, 'must be "email" or "sms"')

// The fields shared by the schemas below, built on first use (see ../lib/lazy.ts).
export const fields = /* @__PURE__ */ lazy(() => ({
  email: trimmedMatching(EMAIL, 'must be a valid email address'),
  phoneNumber: trimmedMatching(E164, 'must be an E.164 number like +15555550123'),
  authParams: z.optional(paramsObject()),
  signal: z.optional(satisfying<AbortSignal>(isAbortSignal, 'must be an AbortSignal')),
  returnTo: z.optional(
    satisfying<string>(
      (value) => typeof value === 'string' && isSafeReturnTo(value),
      'must be a relative path like /account',
    ),
  ),
  appState: z.optional(satisfying<unknown>(() => true, '')),
}))

/**
 * The rules of `passwordlessStart`'s options, one schema per connection, picked by a table rather than a
 * discriminated union: the same field-naming errors at a fraction of the bundle size.
 */
export const startSchemas = /* @__PURE__ */ lazy(() => {
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

/** A one-time code as people type it: 4 to 10 digits, trimmed (the browser's and the server entry's rule). */
export const oneTimeCode = () => trimmedMatching(/^[0-9]{4,10}$/, 'must be 4 to 10 digits')

/** The rules of `passwordlessLogin`'s options, per connection. */
export const loginSchemas = /* @__PURE__ */ lazy(() => {
  const { email, phoneNumber, authParams, signal, returnTo, appState } = fields()
  const verificationCode = oneTimeCode()
  const onRedirecting = z.optional(func<(done: () => void) => void>())
  const common = { verificationCode, authParams, signal, returnTo, appState, onRedirecting }
  return {
    email: z.strictObject({ connection: connectionIs('email'), email, ...common }),
    sms: z.strictObject({ connection: connectionIs('sms'), phoneNumber, ...common }),
  }
})

type Parsed<Schemas extends Record<'email' | 'sms', z.ZodMiniType>> =
  z.output<Schemas['email']> | z.output<Schemas['sms']>

export function parseByConnection<Schemas extends Record<'email' | 'sms', z.ZodMiniType>>(
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

/** The rules of `authorize`'s options. */
export const authorizeSchema = /* @__PURE__ */ lazy(() => {
  const { authParams, returnTo, appState } = fields()
  const param = z.optional(text())
  return z.strictObject({
    connection: param,
    loginHint: param,
    screenHint: param,
    uiLocales: param,
    prompt: param,
    authParams,
    returnTo,
    appState,
  })
})
