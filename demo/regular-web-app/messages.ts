/**
 * The tenant's refusals in plain words for the confidential app's pages. Codes are for programs; a person
 * needs to know what happened and what to do next.
 */
// Why a code was refused comes from the SDK's one reading of the tenant's code and words (the same `reason`
// its errors carry), shared with backends through src/core/errors.ts, which runs anywhere.
import { codeRefusalReason } from '../../src/core/errors'
import { TenantError } from './tenant-client'

function inMinutes(error: TenantError): string {
  return error.retryAfter === undefined ? 'a while' : `${Math.ceil(error.retryAfter / 60)} minute(s)`
}

export function describeTenantError(error: unknown): string {
  if (!(error instanceof TenantError)) return 'Something went wrong. Please try again.'
  switch (codeRefusalReason(error.code, error.description)) {
    case 'wrong_code':
      return 'That code is not right. Please check it and try again.'
    case 'expired_code':
      return 'This code has expired. Please ask for a new one.'
    case 'too_many_attempts':
      return 'Too many wrong attempts with this code. Please ask for a new one.'
    case 'blocked':
      // The tenant's brute-force protection: too many wrong codes for this address, whatever the code.
      return `Too many wrong codes for this address. Please wait ${inMinutes(error)} before trying again.`
  }
  if (error.code === 'too_many_requests') {
    return `Too many requests. Please wait ${inMinutes(error)} before trying again.`
  }
  if (error.code === 'bad.email') return 'Please enter a valid email address.'
  if (error.code === 'bad.phone_number') {
    return 'Please enter the phone number in international format, for example +15555550123.'
  }
  if (error.code === 'network_error') return 'The sign-in service cannot be reached right now.'
  return 'The sign-in service refused the request. Please try again.'
}
