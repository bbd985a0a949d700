import type { AuthParams } from './authorize-params'
import { isSafeReturnTo } from './authorize-params'
import { paramsObject, satisfying, trimmedMatching, z } from './zod'

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
const E164 = /^\+[1-9][0-9]{1,14}$/
/** One @, no spaces, a dot in the domain: what a mail server can route; the server checks the rest. */
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/

const email = trimmedMatching(EMAIL, 'must be a valid email address')
const phoneNumber = trimmedMatching(E164, 'must be an E.164 phone number, such as +15555550123')
const verificationCode = trimmedMatching(/^[0-9]{4,10}$/, 'must be 4 to 10 digits')
const authParams = z.optional(paramsObject)
const signal = z.optional(
  satisfying<AbortSignal>(
    (value) => typeof AbortSignal !== 'undefined' && value instanceof AbortSignal,
    'must be an AbortSignal',
  ),
)
const returnTo = z.optional(
  satisfying<string>(
    (value) => typeof value === 'string' && isSafeReturnTo(value),
    'must be a same-origin relative path, such as /account',
  ),
)
const appState = z.optional(z.unknown())
const captcha = z.optional(z.string())
const onRedirecting = z.optional(
  satisfying<(done: () => void) => void>((value) => typeof value === 'function', 'must be a function'),
)

export const startSchema = z.discriminatedUnion('connection', [
  z.strictObject({
    connection: z.literal('email'),
    email,
    send: z.optional(z.enum(['link', 'code'])),
    authParams,
    captcha,
    signal,
    returnTo,
    appState,
  }),
  z.strictObject({
    connection: z.literal('sms'),
    phoneNumber,
    // Links are sent by email only.
    send: z.optional(z.literal('code')),
    authParams,
    captcha,
    signal,
  }),
])

export const loginSchema = z.discriminatedUnion('connection', [
  z.strictObject({
    connection: z.literal('email'),
    email,
    verificationCode,
    authParams,
    signal,
    returnTo,
    appState,
    onRedirecting,
  }),
  z.strictObject({
    connection: z.literal('sms'),
    phoneNumber,
    verificationCode,
    authParams,
    signal,
    returnTo,
    appState,
    onRedirecting,
  }),
])

interface CommonOptions {
  /** Authorize parameters for this call only; they take precedence over the constructor's. */
  authParams?: AuthParams
  /** Cancels the call. */
  signal?: AbortSignal
}

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
