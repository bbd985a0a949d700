/**
 * Turns the SDK's errors into sentences for people. Codes are for programs; a person needs to know what
 * happened and what to do next. The SDK says which option was refused (`field`) and why a code was refused
 * (`reason`), so nothing here reads its messages. Verification failures stay vague on purpose (which part
 * was wrong is not said), except where asking for a new code or waiting is the way out.
 */
import { isWebAuthError, type WebAuthError } from 'passwordless-webauth'

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

const waitFor = (error: WebAuthError) =>
  error.retryAfter === undefined ? 'a while' : formatDuration(error.retryAfter)

/** A refused code, when the server said why; `undefined` for any other failure. */
function describeRefusal(error: WebAuthError, step: 'send' | 'verify' | 'callback'): string | undefined {
  switch (error.reason) {
    case 'wrong_code':
      return step === 'callback'
        ? 'The sign-in was refused. Please start again.'
        : 'That code is not right. Please check it and try again.'
    case 'expired_code':
      return 'This code has expired. Please ask for a new one.'
    case 'too_many_attempts':
      return 'Too many wrong attempts with this code. Please ask for a new one.'
    case 'blocked':
      return `Too many wrong codes for this address. Please wait ${waitFor(error)} before trying again.`
  }
  return undefined
}

/** What a person should correct, from the option the SDK or the server refused. */
function describeInput(error: WebAuthError): string {
  if (error.field === 'email' || error.code === 'bad.email') return 'Please enter a valid email address.'
  if (error.field === 'phoneNumber' || error.code === 'bad.phone_number') {
    return 'Please enter the phone number in international format, for example +15555550123.'
  }
  if (error.field === 'verificationCode') return 'Please enter the code: digits only.'
  return 'Please check what you entered.'
}

/** What went wrong, in plain words. `step` says what the person was doing. */
export function describeError(error: unknown, step: 'send' | 'verify' | 'callback'): string {
  if (!isWebAuthError(error)) return 'Something went wrong. Please try again.'
  const refusal = describeRefusal(error, step)
  if (refusal) return refusal
  switch (error.code) {
    case 'too_many_requests':
      return `Too many requests. Please wait ${waitFor(error)} before trying again.`
    case 'network_error':
      return 'We could not reach the sign-in service. Check your internet connection and try again.'
    case 'timeout':
      return 'The sign-in service took too long to answer. Please try again.'
    case 'invalid_input':
    case 'bad.email':
    case 'bad.phone_number':
      return describeInput(error)
    case 'third_party_cookies_blocked':
      return 'Your browser blocks the third-party cookie this sign-in used, so it could not finish. Please ask for a new code: this time the sign-in finishes without it.'
    case 'link_not_usable_here':
      return 'This sign-in link was opened in another browser than the one where you asked for it, or it has expired. Ask for a new link here, or open the link in the browser where you asked for it.'
    case 'state_mismatch':
    case 'missing_transaction':
      return 'This sign-in could not be finished in this browser tab: it was not started here, or it was already used. Please start again.'
    case 'invalid_token':
    case 'nonce_mismatch':
      return 'The answer of the sign-in service could not be verified, so you were not signed in. Please start again.'
    case 'client_secret_in_browser':
      return 'This page is misconfigured: it must not hold a client secret.'
    case 'access_denied':
      if (step === 'callback') return 'The sign-in was refused. Please start again.'
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
