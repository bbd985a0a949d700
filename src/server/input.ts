import { inputError, isWebAuthError, sdkError, type InputErrorCode } from '../core/errors'
import { parseByConnection } from '../input/passwordless-schemas'
import { snapshot } from '../input/snapshot'
import { parseOrThrow } from '../input/validation'
import { isPlainObject } from '../lib/json'
import {
  challengeSchema,
  exchangeCodeSchema,
  listAuthenticatorsSchema,
  otpLoginSchemas,
  serverOptionsSchema,
  serverStartSchemas,
  verifySchemas,
} from './schemas'

// The boundary of the server entry: every input is copied once (the browser SDK's snapshot, S14) and validated
// with zod/mini, and a refusal names the field. The snapshot refuses any key that spells a secret; on a backend
// that is not a leak but a misplaced secret, so it is refused as bad input that points at `clientSecret`.

function copy(input: unknown, path: string, code: InputErrorCode): unknown {
  try {
    return snapshot(input, path, code)
  } catch (error) {
    if (!isWebAuthError(error) || error.code !== 'client_secret_in_browser') throw error
    throw sdkError(code, `Give the client secret once, as createServerClient's "clientSecret" option.`, {
      cause: error,
    })
  }
}

/**
 * Validates the options of `createServerClient`. `clientSecret` is read once, from the object itself, before
 * the rest is copied, so that the copy's secret check (which refuses it anywhere else) lets it through here.
 *
 * @throws WebAuthError `invalid_options` naming the field
 */
export function parseServerOptions(input: unknown) {
  let clientSecret: unknown
  let rest: unknown = input
  if (isPlainObject(input) && Object.hasOwn(input, 'clientSecret')) {
    ;({ clientSecret, ...rest } = input)
  }
  const options = copy(rest, 'options', 'invalid_options')
  const withSecret =
    clientSecret === undefined || !isPlainObject(options) ? options : { ...options, clientSecret }
  return parseOrThrow(serverOptionsSchema(), withSecret, 'invalid_options', 'options')
}

/** @throws WebAuthError `invalid_input` naming the field */
export const parseServerStart = (input: unknown) =>
  parseByConnection(serverStartSchemas(), copy(input, 'options', 'invalid_input'))

/** @throws WebAuthError `invalid_input` naming the field */
export const parseOtpLogin = (input: unknown) =>
  parseByConnection(otpLoginSchemas(), copy(input, 'options', 'invalid_input'))

/** @throws WebAuthError `invalid_input` naming the field */
export const parseExchangeCode = (input: unknown) =>
  parseOrThrow(exchangeCodeSchema(), copy(input, 'options', 'invalid_input'), 'invalid_input', 'options')

/** @throws WebAuthError `invalid_input` naming the field */
export function parseListAuthenticators(mfaToken: unknown, options: unknown = {}) {
  const copied = copy(options, 'options', 'invalid_input')
  const input = isPlainObject(copied) ? { mfaToken, ...copied } : copied
  return parseOrThrow(listAuthenticatorsSchema(), input, 'invalid_input', 'options')
}

/** @throws WebAuthError `invalid_input` naming the field */
export const parseChallenge = (input: unknown) =>
  parseOrThrow(challengeSchema(), copy(input, 'options', 'invalid_input'), 'invalid_input', 'options')

type VerifySchemas = ReturnType<typeof verifySchemas>
const FACTORS = ['otp', 'oobCode', 'recoveryCode'] as const

/**
 * Validates the options of `mfa.verify` with the schema of the factor they name (`otp`, `oobCode` or
 * `recoveryCode`); naming two is refused by that schema as an unknown property.
 *
 * @throws WebAuthError `invalid_input` naming the field
 */
export function parseVerify(input: unknown) {
  const options = copy(input, 'options', 'invalid_input')
  const factor = isPlainObject(options) ? FACTORS.find((key) => Object.hasOwn(options, key)) : 'otp'
  if (factor === undefined) {
    throw inputError('invalid_input', 'otp', 'is required, or "oobCode", or "recoveryCode"')
  }
  const schema: VerifySchemas[typeof factor] = verifySchemas()[factor]
  return parseOrThrow(schema, options, 'invalid_input', 'options')
}
