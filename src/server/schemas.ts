// The rules of the server entry's inputs, built from the browser SDK's field rules (../input/): an email
// address, a phone number, authorize parameters and a signal are checked the same way in both entries.

import { isInteger } from '../input/options-schema'
import { connectionIs, fields, oneTimeCode } from '../input/passwordless-schemas'
import { boolean, func, oneOf, satisfying, text, trimmedMatching, z } from '../input/field-rules'
import { lazy } from '../lib/lazy'
import { isIpAddress } from './ip-address'

/** An address for `auth0-forwarded-for`; the parsed value is trimmed. */
const forwardedFor = () =>
  z.optional(
    satisfying<string>(
      (value) => typeof value === 'string' && isIpAddress(value.trim()),
      'must be an IPv4 or IPv6 address, such as 203.0.113.7 or 2001:db8::7',
    ).check(z.trim()),
  )

/** The `mfa_token` of an `mfa_required` answer: it goes in a header, so printable ASCII without spaces only. */
const mfaToken = () => trimmedMatching(/^[\x21-\x7e]+$/, 'must be the mfaToken of an mfa_required error')

/** The rules of {@link ServerClientOptions}, one per option; any other option is refused. */
export const serverOptionsSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    domain: text(),
    clientId: text(),
    clientSecret: z.optional(text()),
    leeway: z.optional(satisfying<number>(isInteger(0, 300), 'must be 0 to 300 seconds')),
    timeout: z.optional(satisfying<number>(isInteger(1, 2 ** 31 - 1), 'must be a positive integer')),
    fetch: z.optional(func<typeof fetch>()),
    telemetry: z.optional(boolean()),
  }),
)

/** The rules of `passwordlessStart`, per connection. */
export const serverStartSchemas = /* @__PURE__ */ lazy(() => {
  const { email, phoneNumber, authParams, signal } = fields()
  const common = { authParams, forwardedFor: forwardedFor(), signal }
  return {
    email: z.strictObject({
      connection: connectionIs('email'),
      email,
      send: z.optional(oneOf(['link', 'code'])),
      ...common,
    }),
    // Links are sent by email only.
    sms: z.strictObject({
      connection: connectionIs('sms'),
      phoneNumber,
      send: z.optional(oneOf(['code'])),
      ...common,
    }),
  }
})

/** The rules of `loginWithOtp`, per connection. */
export const otpLoginSchemas = /* @__PURE__ */ lazy(() => {
  const { email, phoneNumber, signal } = fields()
  const common = {
    code: oneTimeCode(),
    scope: z.optional(text()),
    audience: z.optional(text()),
    forwardedFor: forwardedFor(),
    signal,
  }
  return {
    email: z.strictObject({ connection: connectionIs('email'), email, ...common }),
    sms: z.strictObject({ connection: connectionIs('sms'), phoneNumber, ...common }),
  }
})

/** The rules of `exchangeCode`. */
export const exchangeCodeSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    code: text(),
    redirectUri: text(),
    nonce: z.optional(text()),
    // RFC 7636 4.1: 43 to 128 unreserved characters.
    codeVerifier: z.optional(
      trimmedMatching(/^[A-Za-z0-9\-._~]{43,128}$/, 'must be a PKCE verifier: 43 to 128 characters'),
    ),
    forwardedFor: forwardedFor(),
    signal: fields().signal,
  }),
)

/** The rules of `mfa.listAuthenticators`'s token and options. */
export const listAuthenticatorsSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({ mfaToken: mfaToken(), signal: fields().signal }),
)

/** The rules of `mfa.challenge`. */
export const challengeSchema = /* @__PURE__ */ lazy(() =>
  z.strictObject({
    mfaToken: mfaToken(),
    challengeType: oneOf(['otp', 'oob']),
    authenticatorId: z.optional(text()),
    signal: fields().signal,
  }),
)

/** The rules of `mfa.verify`, one schema per factor, picked by the key that names the factor. */
export const verifySchemas = /* @__PURE__ */ lazy(() => {
  const common = { mfaToken: mfaToken(), forwardedFor: forwardedFor(), signal: fields().signal }
  return {
    otp: z.strictObject({ ...common, otp: oneTimeCode() }),
    oobCode: z.strictObject({ ...common, oobCode: text(), bindingCode: z.optional(oneTimeCode()) }),
    recoveryCode: z.strictObject({
      ...common,
      recoveryCode: trimmedMatching(
        /^[A-Za-z0-9]{8,64}$/,
        'must be a recovery code: 8 to 64 letters and digits',
      ),
    }),
  }
})
