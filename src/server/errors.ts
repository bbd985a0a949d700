import {
  REFUSED_CODE,
  isWebAuthError,
  reworded,
  type CodeRefusalReason,
  type WebAuthError,
} from '../core/errors'
import { isPlainObject, nonEmptyString } from '../lib/json'
import type { MfaRequiredError, MfaRequirements } from './types'

// The server entry's errors are the browser SDK's (one class, the same codes, server codes through
// `serverError`); what it adds is what a backend's calls need on top: the MFA token of `mfa_required`, and
// `reason` for the MFA grants' refusals, whose words are not those of the passwordless grant.

function readFactors(value: unknown): Array<{ type: string }> | undefined {
  if (!Array.isArray(value)) return undefined
  return value.flatMap((item) => {
    const type = isPlainObject(item) ? nonEmptyString(item.type) : undefined
    return type === undefined ? [] : [{ type }]
  })
}

function readRequirements(value: unknown): MfaRequirements {
  if (!isPlainObject(value)) return {}
  const challenge = readFactors(value.challenge)
  const enroll = readFactors(value.enroll)
  return { ...(challenge && { challenge }), ...(enroll && { enroll }) }
}

/**
 * Gives an `mfa_required` error, fresh from the transport and not yet thrown, the `mfa_token` and
 * `mfa_requirements` of the answer's body. `mfaToken` is defined as not enumerable: it is a credential for the
 * next ten minutes, and stays out of anything that prints the error's fields. Any other error is returned as
 * it is.
 */
export function withMfaDetails(error: unknown, body: Record<string, unknown> | undefined): unknown {
  const mfaToken = nonEmptyString(body?.mfa_token)
  if (!isWebAuthError(error) || error.code !== 'mfa_required' || mfaToken === undefined) return error
  Object.defineProperty(error, 'mfaToken', { value: mfaToken })
  Object.defineProperty(error, 'mfaRequirements', {
    value: readRequirements(body?.mfa_requirements),
    enumerable: true,
  })
  return error
}

/**
 * Tells whether a login failed because the person must pass a second factor, and narrows the error to
 * {@link MfaRequiredError}, whose `mfaToken` the {@link ServerClient.mfa | mfa} calls take.
 *
 * @example
 * ```ts
 * try {
 *   tokens = await client.loginWithOtp({ connection: 'email', email, code })
 * } catch (error) {
 *   if (!isMfaRequired(error)) throw error
 *   const authenticators = await client.mfa.listAuthenticators(error.mfaToken)
 * }
 * ```
 */
export function isMfaRequired(value: unknown): value is MfaRequiredError {
  return (
    isWebAuthError(value) &&
    value.code === 'mfa_required' &&
    typeof (value as { mfaToken?: unknown }).mfaToken === 'string'
  )
}

// Auth0's words for a second factor's code that is not the right one: "Invalid otp_code.", "Invalid
// binding_code.", and the like for a recovery code.
const WRONG_MFA_CODE = /^invalid \w*code\b/i

/**
 * Why an MFA grant refused a code, from its code and Auth0's words: `wrong_code` for an `invalid_grant` that
 * says a code is invalid; `undefined` otherwise (a rejected push, an expired token: the server's words say it).
 */
function mfaRefusalReason(error: WebAuthError): CodeRefusalReason | undefined {
  return error.code === 'invalid_grant' && WRONG_MFA_CODE.test(error.description) ? 'wrong_code' : undefined
}

/**
 * A refused second-factor code with its `reason`, in the same words as a refused passwordless code. Other
 * failures are thrown as they are. Always throws.
 */
export function throwMfaRefusal(error: unknown): never {
  const reason = isWebAuthError(error) ? mfaRefusalReason(error) : undefined
  if (reason === undefined) throw error
  // The error is new and not yet seen by anyone: `reason` is set as the constructor sets every field.
  throw Object.assign(reworded(error as WebAuthError, REFUSED_CODE), { reason })
}
