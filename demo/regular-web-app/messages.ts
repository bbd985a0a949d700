/**
 * The tenant's refusals in plain words for the confidential app's pages. Codes are for programs; a person
 * needs to know what happened and what to do next.
 */
import { TenantError } from './tenant-client'

export function describeTenantError(error: unknown): string {
  if (!(error instanceof TenantError)) return 'Something went wrong. Please try again.'
  if (error.code === 'too_many_requests') {
    const wait = error.retryAfter === undefined ? 'a while' : `${Math.ceil(error.retryAfter / 60)} minute(s)`
    return `Too many requests. Please wait ${wait} before trying again.`
  }
  // The tenant's brute-force protection: too many wrong codes for this address, whatever the code.
  if (error.code === 'too_many_attempts') {
    const wait = error.retryAfter === undefined ? 'a while' : `${Math.ceil(error.retryAfter / 60)} minute(s)`
    return `Too many wrong codes for this address. Please wait ${wait} before trying again.`
  }
  if (error.code === 'bad.email') return 'Please enter a valid email address.'
  if (error.code === 'bad.phone_number') {
    return 'Please enter the phone number in international format, for example +15555550123.'
  }
  if (error.code === 'invalid_grant' || error.code === 'access_denied') {
    if (/expired/i.test(error.description)) return 'This code has expired. Please ask for a new one.'
    if (/maximum number of attempts/i.test(error.description)) {
      return 'Too many wrong attempts with this code. Please ask for a new one.'
    }
    return 'That code is not right. Please check it and try again.'
  }
  if (error.code === 'network_error') return 'The sign-in service cannot be reached right now.'
  return 'The sign-in service refused the request. Please try again.'
}
