/**
 * The tenant's refusals in plain words for the confidential app's pages. Codes are for programs; a person
 * needs to know what happened and what to do next. Everything here reads the fields the server entry's
 * errors carry (`code`, `reason`, `field`, `retryAfter`), never their messages.
 */
import { isWebAuthError } from '../../src/server/index'
import type { WebAuthError } from '../../src/server/index'

function inMinutes(error: WebAuthError): string {
  return error.retryAfter === undefined ? 'a while' : `${Math.ceil(error.retryAfter / 60)} minute(s)`
}

/** What the person typed that the server entry refused before asking the tenant, by the option's name. */
const FIELDS: Record<string, string> = {
  email: 'Please enter a valid email address.',
  phoneNumber: 'Please enter the phone number in international format, for example +15555550123.',
  code: 'A code is 4 to 10 digits. Please check it and try again.',
  otp: 'The code from your authenticator app is 6 digits. Please check it and try again.',
  bindingCode: 'The code we texted you is 6 digits. Please check it and try again.',
  recoveryCode: 'A recovery code is letters and digits only. Please check it and try again.',
}

export function describeError(error: unknown): string {
  if (!isWebAuthError(error)) return 'Something went wrong. Please try again.'
  switch (error.reason) {
    case 'wrong_code':
      return 'That code is not right. Please check it and try again.'
    case 'expired_code':
      return 'This code has expired. Please ask for a new one.'
    case 'too_many_attempts':
      return 'Too many wrong attempts with this code. Please ask for a new one.'
    case 'blocked':
      // Brute-force protection: too many wrong codes for this person, whatever the code.
      return `Too many wrong codes. Please wait ${inMinutes(error)} before trying again.`
  }
  if (error.code === 'invalid_input') {
    return FIELDS[error.field ?? ''] ?? 'Please check what you entered and try again.'
  }
  switch (error.code) {
    case 'too_many_requests':
      return `Too many requests. Please wait ${inMinutes(error)} before trying again.`
    case 'bad.email':
      return FIELDS['email'] as string
    case 'bad.phone_number':
      return FIELDS['phoneNumber'] as string
    case 'expired_token':
    case 'invalid_token':
      // The second step's ten minutes ran out, or it was already used.
      return 'This sign-in took too long. Please start again.'
    case 'network_error':
    case 'timeout':
      return 'The sign-in service cannot be reached right now.'
  }
  return 'The sign-in service refused the request. Please try again.'
}
