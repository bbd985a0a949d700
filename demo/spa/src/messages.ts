/**
 * Turns the SDK's errors into sentences for people. Codes are for programs; a person needs to know what
 * happened and what to do next. Verification failures stay vague on purpose (which part was wrong is not
 * said), except for expiry and the attempt limit, which tell the person to ask for a new code.
 */
import { isWebAuthError } from 'passwordless-webauth'

/** "1 minute 12 seconds", "45 seconds". */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.ceil(totalSeconds))
  const minutes = Math.floor(seconds / 60)
  const rest = seconds % 60
  const parts: string[] = []
  if (minutes > 0) parts.push(`${minutes} ${minutes === 1 ? 'minute' : 'minutes'}`)
  if (rest > 0 || minutes === 0) parts.push(`${rest} ${rest === 1 ? 'second' : 'seconds'}`)
  return parts.join(' ')
}

const VERIFY_FAILURES = new Set(['access_denied', 'invalid_grant', 'invalid_user_password'])

/** What went wrong, in plain words. `step` says what the person was doing. */
export function describeError(error: unknown, step: 'send' | 'verify' | 'callback'): string {
  if (!isWebAuthError(error)) return 'Something went wrong. Please try again.'
  const description = error.description
  switch (error.code) {
    case 'too_many_requests':
      return error.retryAfter === undefined
        ? 'Too many requests. Please wait a while before trying again.'
        : `Too many requests. Please wait ${formatDuration(error.retryAfter)} before trying again.`
    case 'network_error':
      return 'We could not reach the sign-in service. Check your internet connection and try again.'
    case 'timeout':
      return 'The sign-in service took too long to answer. Please try again.'
    case 'invalid_input':
    case 'bad.email':
    case 'bad.phone_number':
      if (description.includes('"email"') || error.code === 'bad.email')
        return 'Please enter a valid email address.'
      if (description.includes('"phoneNumber"') || error.code === 'bad.phone_number') {
        return 'Please enter the phone number in international format, for example +15555550123.'
      }
      if (description.includes('"verificationCode"')) return 'Please enter the code: digits only.'
      return 'Please check what you entered.'
    case 'state_mismatch':
    case 'missing_transaction':
      return 'This sign-in could not be finished in this browser tab: it was not started here, or it was already used. Please start again.'
    case 'invalid_token':
    case 'nonce_mismatch':
      return 'The answer of the sign-in service could not be verified, so you were not signed in. Please start again.'
    case 'client_secret_in_browser':
      return 'This page is misconfigured: it must not hold a client secret.'
  }
  if (VERIFY_FAILURES.has(error.code)) {
    // The SDK's own message is deliberately the same for every refusal ("Wrong or expired code."); the
    // server's answer, kept as `cause`, says whether asking for a new code will help.
    // A redirect back carries the server's `error_description` as the description itself.
    const server = isWebAuthError(error.cause)
      ? error.cause.description
      : step === 'callback'
        ? description
        : ''
    if (/expired/i.test(server)) return 'This code has expired. Please ask for a new one.'
    if (/maximum number of attempts/i.test(server)) {
      return 'Too many wrong attempts with this code. Please ask for a new one.'
    }
    if (step === 'callback') return 'The sign-in was refused. Please start again.'
    return 'That code is not right. Please check it and try again.'
  }
  if (error.statusCode !== undefined && error.statusCode >= 500) {
    return 'The sign-in service is having trouble right now. Please try again in a moment.'
  }
  if (error.code === 'invalid_response' || error.code === 'server_error') {
    return 'The sign-in service sent an answer we could not understand. Please try again in a moment.'
  }
  return step === 'send'
    ? 'We could not send the message. Please try again.'
    : 'We could not sign you in. Please try again.'
}
